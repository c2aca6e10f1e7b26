//! Generate mode, the page's first module.

fn main() {
    // For the benchmarks: the module is compiled and instantiated, the app starts.
    trinocfg_web::browser::expose("mainStart", trinocfg_web::browser::now());
    trinocfg_web::mount::<trinocfg_web::app::App>("app");
}
