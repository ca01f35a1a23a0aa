//! Container logs in the k8s-file format, as conmon writes them for Podman:
//! `<timestamp> stdout|stderr F|P <text>` per line, `F` for a full line and `P`
//! for a partial one (output that did not end in a newline when it was read).
//! The timestamp is local time with nine fractional digits and a numeric
//! offset (`2024-01-02T03:04:05.123456789+00:00`), exactly conmon's format.

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, Utc};
use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

/// Which of the container's output streams a chunk came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    fn parse(name: &[u8]) -> Option<Stream> {
        match name {
            b"stdout" => Some(Stream::Stdout),
            b"stderr" => Some(Stream::Stderr),
            _ => None,
        }
    }
}

/// The supervisor's side: appends the container's output to the log file.
pub struct K8sFileLog {
    file: File,
    record: Vec<u8>,
}

impl K8sFileLog {
    /// Opens (creating it if needed) the log for appending.
    pub fn open(path: &Path) -> Result<K8sFileLog> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .custom_flags(libc::O_CLOEXEC)
            .open(path)
            .with_context(|| format!("open log file {}", path.display()))?;
        Ok(K8sFileLog {
            file,
            record: Vec::new(),
        })
    }

    /// Appends one chunk of output with a single write: each complete line as
    /// `F`, a trailing piece without its newline as `P`.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        let timestamp = conmon_timestamp();
        self.record.clear();
        encode_records(&mut self.record, &timestamp, stream, data);
        let result = self.file.write_all(&self.record);
        if self.record.capacity() > 64 * 1024 {
            self.record = Vec::new();
        }
        result
    }
}

/// The current local time as conmon formats it.
fn conmon_timestamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%.9f%:z")
        .to_string()
}

fn encode_records(out: &mut Vec<u8>, timestamp: &str, stream: Stream, data: &[u8]) {
    for piece in data.split_inclusive(|&b| b == b'\n') {
        let (text, tag) = match piece.strip_suffix(b"\n") {
            Some(line) => (line, b'F'),
            None => (piece, b'P'),
        };
        out.extend_from_slice(timestamp.as_bytes());
        out.push(b' ');
        out.extend_from_slice(stream.name().as_bytes());
        out.push(b' ');
        out.push(tag);
        out.push(b' ');
        out.extend_from_slice(text);
        out.push(b'\n');
    }
}

/// What `berth logs` asks for.
#[derive(Debug, Clone, Default)]
pub struct ReadLogOptions {
    /// Only lines at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only lines before this time.
    pub until: Option<DateTime<Utc>>,
    /// Only the last N lines (then follow, with `follow`).
    pub tail: Option<usize>,
    /// Prefix each line with its timestamp (Go's RFC3339Nano, as Podman prints it).
    pub timestamps: bool,
    /// Keep reading as the container writes, until it has exited and the file is drained.
    pub follow: bool,
}

/// How often `--follow` looks for new output.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(100);

/// Prints a k8s-file log: stdout lines to `stdout`, stderr lines to `stderr`,
/// partial (`P`) records joined to their line. With `follow`, waits for more
/// until `exited()` returns true and everything written has been printed.
pub fn read_log(
    path: &Path,
    opts: &ReadLogOptions,
    mut stdout: impl Write,
    mut stderr: impl Write,
    exited: impl Fn() -> bool,
) -> Result<()> {
    let mut file = File::open(path).with_context(|| format!("open log {}", path.display()))?;
    let mut reader = LogReader::default();
    let mut out = LogPrinter {
        opts,
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut tail: VecDeque<LogLine> = VecDeque::new();
    read_available(&mut file, &mut buf, path, &mut reader, |line| {
        keep_tail(&mut tail, opts.tail, line);
        Ok(())
    })?;
    for line in tail.drain(..) {
        out.print(&line)?;
    }
    if opts.follow {
        loop {
            // Checked before reading: the supervisor writes all output to the
            // log before it records the exit, so this pass then sees it all.
            let exited_before = exited();
            let n = read_available(&mut file, &mut buf, path, &mut reader, |line| {
                out.print(&line)
            })?;
            if exited_before {
                break;
            }
            if n == 0 {
                out.flush()?;
                std::thread::sleep(FOLLOW_INTERVAL);
            }
        }
    }
    for line in reader.finish() {
        out.print(&line)?;
    }
    out.flush()
}

/// Reads to the current end of the file, handing each completed line to `emit`.
fn read_available(
    file: &mut File,
    buf: &mut [u8],
    path: &Path,
    reader: &mut LogReader,
    mut emit: impl FnMut(LogLine) -> Result<()>,
) -> Result<usize> {
    let mut total = 0;
    loop {
        let n = read_some(file, buf, path)?;
        if n == 0 {
            return Ok(total);
        }
        total += n;
        let mut result = Ok(());
        reader.feed(&buf[..n], |line| {
            if result.is_ok() {
                result = emit(line);
            }
        });
        result?;
    }
}

fn read_some(file: &mut File, buf: &mut [u8], path: &Path) -> Result<usize> {
    loop {
        match file.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).with_context(|| format!("read log {}", path.display())),
        }
    }
}

fn keep_tail(tail: &mut VecDeque<LogLine>, limit: Option<usize>, line: LogLine) {
    if limit == Some(0) {
        return;
    }
    tail.push_back(line);
    if let Some(limit) = limit {
        while tail.len() > limit {
            tail.pop_front();
        }
    }
}

/// One reassembled line of output.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LogLine {
    timestamp: DateTime<FixedOffset>,
    stream: Stream,
    text: Vec<u8>,
    /// False for output the container never finished with a newline.
    complete: bool,
}

/// Splits the file's bytes into records and joins `P` records to their line.
#[derive(Default)]
struct LogReader {
    /// Bytes of a record not yet ended by a newline (the writer is mid-write).
    unfinished: Vec<u8>,
    stdout_partial: Option<LogLine>,
    stderr_partial: Option<LogLine>,
}

impl LogReader {
    fn feed(&mut self, bytes: &[u8], mut emit: impl FnMut(LogLine)) {
        let mut rest = bytes;
        while let Some(pos) = rest.iter().position(|&b| b == b'\n') {
            let (record, after) = rest.split_at(pos);
            rest = &after[1..];
            if self.unfinished.is_empty() {
                self.record(record, &mut emit);
            } else {
                let mut whole = std::mem::take(&mut self.unfinished);
                whole.extend_from_slice(record);
                self.record(&whole, &mut emit);
            }
        }
        self.unfinished.extend_from_slice(rest);
    }

    fn record(&mut self, record: &[u8], emit: &mut impl FnMut(LogLine)) {
        let Some((timestamp, stream, partial, text)) = parse_record(record) else {
            return;
        };
        let pending = match stream {
            Stream::Stdout => &mut self.stdout_partial,
            Stream::Stderr => &mut self.stderr_partial,
        };
        let mut line = pending.take().unwrap_or(LogLine {
            timestamp,
            stream,
            text: Vec::new(),
            complete: false,
        });
        line.text.extend_from_slice(text);
        if partial {
            *pending = Some(line);
        } else {
            line.complete = true;
            emit(line);
        }
    }

    /// Lines left unfinished at the end of the log (the container exited mid-line).
    fn finish(&mut self) -> Vec<LogLine> {
        let mut lines: Vec<LogLine> = [self.stdout_partial.take(), self.stderr_partial.take()]
            .into_iter()
            .flatten()
            .collect();
        lines.sort_by_key(|line| line.timestamp);
        lines
    }
}

/// `<timestamp> <stream> <F|P> <text>`; None for a malformed record.
fn parse_record(record: &[u8]) -> Option<(DateTime<FixedOffset>, Stream, bool, &[u8])> {
    let mut fields = record.splitn(4, |&b| b == b' ');
    let timestamp = std::str::from_utf8(fields.next()?).ok()?;
    let timestamp = DateTime::parse_from_rfc3339(timestamp).ok()?;
    let stream = Stream::parse(fields.next()?)?;
    let partial = match fields.next()? {
        b"P" => true,
        b"F" => false,
        _ => return None,
    };
    Some((timestamp, stream, partial, fields.next().unwrap_or(b"")))
}

struct LogPrinter<'a, O: Write, E: Write> {
    opts: &'a ReadLogOptions,
    stdout: &'a mut O,
    stderr: &'a mut E,
}

impl<O: Write, E: Write> LogPrinter<'_, O, E> {
    fn print(&mut self, line: &LogLine) -> Result<()> {
        if !self.wanted(line) {
            return Ok(());
        }
        let out: &mut dyn Write = match line.stream {
            Stream::Stdout => self.stdout,
            Stream::Stderr => self.stderr,
        };
        let mut text = Vec::with_capacity(line.text.len() + 40);
        if self.opts.timestamps {
            text.extend_from_slice(go_rfc3339_nano(&line.timestamp).as_bytes());
            text.push(b' ');
        }
        text.extend_from_slice(&line.text);
        if line.complete {
            text.push(b'\n');
        }
        out.write_all(&text).context("write log output")
    }

    fn wanted(&self, line: &LogLine) -> bool {
        let time = line.timestamp.with_timezone(&Utc);
        self.opts.since.is_none_or(|since| time >= since)
            && self.opts.until.is_none_or(|until| time < until)
    }

    fn flush(&mut self) -> Result<()> {
        self.stdout.flush().context("flush log output")?;
        self.stderr.flush().context("flush log output")
    }
}

/// Go's `time.RFC3339Nano`: trailing zeros of the fraction dropped, `Z` for UTC.
fn go_rfc3339_nano(time: &DateTime<FixedOffset>) -> String {
    let mut text = time.format("%Y-%m-%dT%H:%M:%S%.9f").to_string();
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if time.offset().local_minus_utc() == 0 {
        text.push('Z');
    } else {
        text.push_str(&time.format("%:z").to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_log() -> String {
        [
            "2024-01-02T03:04:05.100000000+00:00 stdout F one",
            "2024-01-02T03:04:06.200000000+00:00 stderr F oops",
            "2024-01-02T03:04:07.300000000+00:00 stdout P tw",
            "2024-01-02T03:04:07.400000000+00:00 stdout F o",
            "2024-01-02T03:04:08.000000000+00:00 stdout F ",
            "garbage line",
            "2024-01-02T03:04:09.123456789+00:00 stdout F three",
            "",
        ]
        .join("\n")
    }

    fn read_sample(opts: ReadLogOptions) -> (String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        std::fs::write(&path, sample_log()).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        read_log(&path, &opts, &mut out, &mut err, || true).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn encodes_full_and_partial_lines() {
        let mut out = Vec::new();
        encode_records(&mut out, "TS", Stream::Stderr, b"a\n\nbc");
        assert_eq!(out, b"TS stderr F a\nTS stderr F \nTS stderr P bc\n");
    }

    #[test]
    fn timestamp_is_conmon_format() {
        let ts = conmon_timestamp();
        assert_eq!(
            ts.len(),
            "2024-01-02T03:04:05.123456789+00:00".len(),
            "{ts}"
        );
        assert!(DateTime::parse_from_rfc3339(&ts).is_ok());
    }

    #[test]
    fn reads_streams_and_joins_partials() {
        let (out, err) = read_sample(ReadLogOptions::default());
        assert_eq!(out, "one\ntwo\n\nthree\n");
        assert_eq!(err, "oops\n");
    }

    #[test]
    fn tail_and_timestamps() {
        let opts = ReadLogOptions {
            tail: Some(2),
            timestamps: true,
            ..Default::default()
        };
        let (out, err) = read_sample(opts);
        assert_eq!(
            out,
            "2024-01-02T03:04:08Z \n2024-01-02T03:04:09.123456789Z three\n"
        );
        assert_eq!(err, "");
        let (out, err) = read_sample(ReadLogOptions {
            tail: Some(0),
            ..Default::default()
        });
        assert_eq!((out.as_str(), err.as_str()), ("", ""));
    }

    #[test]
    fn since_and_until() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let opts = ReadLogOptions {
            since: Some(at("2024-01-02T03:04:06Z")),
            until: Some(at("2024-01-02T03:04:08Z")),
            ..Default::default()
        };
        let (out, err) = read_sample(opts);
        assert_eq!(out, "two\n");
        assert_eq!(err, "oops\n");
    }

    #[test]
    fn unfinished_line_at_the_end_is_printed_without_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        std::fs::write(&path, "2024-01-02T03:04:05.1+00:00 stdout P abc\n").unwrap();
        let mut out = Vec::new();
        read_log(
            &path,
            &ReadLogOptions::default(),
            &mut out,
            io::sink(),
            || true,
        )
        .unwrap();
        assert_eq!(out, b"abc");
    }

    #[test]
    fn follow_reads_until_exited_and_drained() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut log = K8sFileLog::open(&path).unwrap();
        log.write(Stream::Stdout, b"first\n").unwrap();
        let writer_path = path.clone();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done_writer = done.clone();
        let writer = std::thread::spawn(move || {
            let mut log = K8sFileLog::open(&writer_path).unwrap();
            std::thread::sleep(Duration::from_millis(250));
            log.write(Stream::Stdout, b"sec").unwrap();
            log.write(Stream::Stdout, b"ond\nlast\n").unwrap();
            done_writer.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let opts = ReadLogOptions {
            follow: true,
            ..Default::default()
        };
        let mut out = Vec::new();
        read_log(&path, &opts, &mut out, io::sink(), || {
            done.load(std::sync::atomic::Ordering::SeqCst)
        })
        .unwrap();
        writer.join().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "first\nsecond\nlast\n");
    }
}
