//! Optionally links the berth binary as a position-dependent executable:
//! `BERTH_NO_PIE=1 cargo build --release`. By default it is a PIE, as rustc
//! makes it. See the comment in `main` for the trade.

/// The build-time switch: set to `1` for a non-PIE binary.
const NO_PIE: &str = "BERTH_NO_PIE";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={NO_PIE}");
    // A PIE's every berth process, and above all every long-lived
    // per-container supervisor (a fork of berth), carries the pages the
    // dynamic loader wrote while relocating it: about 350 kB of .data.rel.ro
    // and the GOT, private and anonymous in each process, plus some 18,000
    // relocations applied at each start. Linked at a fixed address
    // (-no-pie), those pages stay clean file pages: shared with the page
    // cache, never written, and dropped from the supervisor by
    // `supervisor::memory`, which keeps an idle supervisor under 1 MB
    // resident. The cost, and why it is opt-in: the executable's own code
    // and data lose ASLR (they sit at the same address in every run);
    // libraries, stack, heap and mmap keep it.
    match std::env::var(NO_PIE).as_deref() {
        Ok("1") => println!("cargo:rustc-link-arg-bins=-no-pie"),
        Ok("" | "0") | Err(std::env::VarError::NotPresent) => {}
        Ok(other) => panic!("{NO_PIE} must be 1 (non-PIE) or 0/unset (PIE), not {other:?}"),
        Err(e) => panic!("{NO_PIE}: {e}"),
    }
}
