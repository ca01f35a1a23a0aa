//! Shedding what the supervisor inherited from berth. A fork shares every page
//! berth had touched, and they all count in the supervisor's resident set:
//! code of the whole binary and its libraries, free heap, the deep stack of the
//! command that launched it. The supervisor needs little of that, so it gives
//! back what can be faulted in again unchanged:
//!
//! * file-backed read-only mappings without private (copied) pages: code and
//!   constants, re-read from the page cache on the next touch;
//! * the part of the stack below the current frame (dead data);
//! * free heap (`malloc_trim`).

use std::fs;

/// Stack pages kept below the current frame for the calls still to come.
const STACK_MARGIN_PAGES: usize = 4;

/// Best effort: a failure leaves the memory resident, nothing else.
pub fn release_inherited_memory() {
    let Ok(smaps) = fs::read_to_string("/proc/self/smaps") else {
        return trim_heap();
    };
    let files = clean_file_regions(&smaps);
    let stack = stack_region(&smaps);
    drop(smaps);
    if let Some(stack) = stack {
        release_dead_stack(stack);
    }
    trim_heap();
    // Last, so that as little code as possible runs (and is faulted back in,
    // with the kernel's fault-around) after the code pages are dropped.
    for region in &files {
        discard(*region);
    }
}

fn trim_heap() {
    // SAFETY: malloc_trim takes malloc's own locks and releases only free
    // heap pages; no live allocation moves or changes.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// `[start, end)` of a mapping.
type Region = (usize, usize);

/// Read-only file mappings whose pages all equal the file's (no anonymous,
/// copied-on-write pages, as relocated data has): safe to drop and re-fault.
fn clean_file_regions(smaps: &str) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut current: Option<Region> = None;
    for line in smaps.lines() {
        if let Some(header) = parse_header(line) {
            current = header;
            continue;
        }
        if let Some(kb) = line.strip_prefix("Anonymous:") {
            let anonymous = kb.trim().trim_end_matches("kB").trim() != "0";
            if let Some(region) = current.take() {
                if !anonymous {
                    regions.push(region);
                }
            }
        }
    }
    regions
}

/// A mapping header line `start-end perms offset dev inode [path]`: Some(None)
/// for a mapping that is not a read-only file mapping, None for other lines.
fn parse_header(line: &str) -> Option<Option<Region>> {
    let mut fields = line.split_ascii_whitespace();
    let range = fields.next()?;
    let (start, end) = range.split_once('-')?;
    let start = usize::from_str_radix(start, 16).ok()?;
    let end = usize::from_str_radix(end, 16).ok()?;
    let perms = fields.next()?;
    if perms.len() != 4 {
        return None;
    }
    let path = fields.nth(3).unwrap_or("");
    let read_only_file = perms.as_bytes()[1] == b'-' && path.starts_with('/');
    Some(read_only_file.then_some((start, end)))
}

fn stack_region(smaps: &str) -> Option<Region> {
    let line = smaps.lines().find(|line| line.ends_with("[stack]"))?;
    let (range, _) = line.split_once(' ')?;
    let (start, end) = range.split_once('-')?;
    Some((
        usize::from_str_radix(start, 16).ok()?,
        usize::from_str_radix(end, 16).ok()?,
    ))
}

/// Drops the stack pages below this frame (the stack grows down), keeping a
/// margin for the calls still to come from here.
#[inline(never)]
fn release_dead_stack((start, end): Region) {
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    let Some(page) = page_size() else {
        return;
    };
    if here < start || here >= end {
        return;
    }
    let limit = (here & !(page - 1)).saturating_sub(STACK_MARGIN_PAGES * page);
    if limit > start {
        discard((start, limit));
    }
}

/// The kernel's page size (4, 16 or 64 KiB): madvise works in whole pages.
fn page_size() -> Option<usize> {
    // SAFETY: sysconf takes an integer name and touches no memory of ours;
    // an unknown name would only return -1, which is checked below.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size)
        .ok()
        .filter(|size| size.is_power_of_two())
}

fn discard((start, end): Region) {
    if end <= start {
        return;
    }
    // SAFETY: MADV_DONTNEED only drops pages, and the region is either a
    // clean read-only file mapping (a later access re-reads the same bytes
    // from the file) or stack below the live frames and their margin, which
    // holds no live value (its pages come back zeroed if the stack grows
    // into them again).
    unsafe {
        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_clean_read_only_file_mappings() {
        let smaps = "\
55d0a0000000-55d0a0010000 r--p 00000000 08:01 123 /usr/bin/berth
Size: 64 kB
Anonymous: 0 kB
55d0a0010000-55d0a0020000 r--p 00010000 08:01 123 /usr/bin/berth
Anonymous: 8 kB
55d0a0020000-55d0a0030000 rw-p 00020000 08:01 123 /usr/bin/berth
Anonymous: 0 kB
7ffd00000000-7ffd00010000 rw-p 00000000 00:00 0 [stack]
Anonymous: 12 kB
7ffd00020000-7ffd00030000 r-xp 00000000 00:00 0 [vdso]
Anonymous: 0 kB
";
        assert_eq!(
            clean_file_regions(smaps),
            vec![(0x55d0a0000000, 0x55d0a0010000)]
        );
        assert_eq!(stack_region(smaps), Some((0x7ffd00000000, 0x7ffd00010000)));
    }

    #[test]
    fn releasing_memory_keeps_the_process_working() {
        let text = format!("{}", 41 + 1);
        release_inherited_memory();
        assert_eq!(text, "42");
    }
}
