//! Check mode, loaded by index.html the first time the page is switched to it.

fn main() {
    trinocfg_web::mount::<trinocfg_web::check_app::CheckApp>("check");
}
