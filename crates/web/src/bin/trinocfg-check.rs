//! Check mode, loaded by index.html when the page opens in it (`#check`) or is first switched
//! to it.

fn main() {
    trinocfg_web::mount::<trinocfg_web::check_app::CheckApp>("check");
}
