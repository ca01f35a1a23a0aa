//! Links the berth binary as a position-dependent executable. See the
//! comment in `main` for why.

fn main() {
    // Every berth process, and above all every long-lived per-container
    // supervisor (a fork of berth), would otherwise carry the pages the
    // dynamic loader wrote while relocating a PIE: about 350 kB of
    // .data.rel.ro and the GOT, private and anonymous in each process, plus
    // some 18,000 relocations applied at each start. Linked at a fixed
    // address, those pages stay clean file pages: shared with the page cache,
    // never written, and dropped from the supervisor by
    // `supervisor::memory`. The cost: the executable's own code and data
    // lose ASLR (they sit at the same address in every run); libraries,
    // stack, heap and mmap keep it.
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rerun-if-changed=build.rs");
}
