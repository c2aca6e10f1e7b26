//! Generate mode, loaded by index.html when the page opens in it or is first switched to it.

fn main() {
    // For the benchmarks: the module is compiled and instantiated, the app starts.
    trinocfg_web::browser::expose("mainStart", trinocfg_web::browser::now());
    trinocfg_web::mount::<trinocfg_web::app::App>("app");
}
