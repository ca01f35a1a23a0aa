//! `top`: the processes of a running container, from the host's /proc, in
//! ps-style descriptors.

use super::{container_named, settled_state};
use crate::engine::Engine;
use crate::store::containers::ContainerStatus;
use anyhow::{bail, Context, Result};

/// `top`'s table: a header row, then one row per process.
pub struct TopTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Engine {
    /// The container's processes; `descriptors` as `ps` takes them (none:
    /// user, pid, ppid, pcpu, etime, tty, time, args).
    pub fn top(&self, container: &str, descriptors: &[String]) -> Result<TopTable> {
        let mut store = self.open()?;
        let c = container_named(&mut store, container)?;
        let s = settled_state(&store, &c)?;
        if s.status != ContainerStatus::Running {
            bail!("top can only be used on running containers: container state improper");
        }
        let descriptors: Vec<String> = if descriptors.is_empty() {
            DEFAULT_DESCRIPTORS.iter().map(|d| d.to_string()).collect()
        } else {
            descriptors
                .iter()
                .flat_map(|d| d.split(','))
                .map(|d| d.trim_start_matches('-').to_string())
                .collect()
        };
        let procs = container_processes(s.pid)?;
        let passwd =
            std::fs::read_to_string(format!("/proc/{}/root/etc/passwd", s.pid)).unwrap_or_default();
        let uid_map =
            std::fs::read_to_string(format!("/proc/{}/uid_map", s.pid)).unwrap_or_default();
        let uptime = read_uptime_ticks()?;
        let headers = descriptors
            .iter()
            .map(|d| header(d))
            .collect::<Result<_>>()?;
        let rows = procs
            .iter()
            .map(|p| {
                descriptors
                    .iter()
                    .map(|d| cell(d, p, &passwd, &uid_map, uptime))
                    .collect()
            })
            .collect();
        Ok(TopTable { headers, rows })
    }
}

/// One process of the container, as /proc shows it.
struct Proc {
    ns_pid: i64,
    ns_ppid: i64,
    uid: u32,
    comm: String,
    args: String,
    tty: String,
    cpu_ticks: u64,
    start_ticks: u64,
}

const DEFAULT_DESCRIPTORS: &[&str] = &[
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

fn header(d: &str) -> Result<String> {
    Ok(match d {
        "user" => "USER",
        "pid" => "PID",
        "ppid" => "PPID",
        "pcpu" => "%CPU",
        "etime" => "ELAPSED",
        "tty" => "TTY",
        "time" => "TIME",
        "args" => "COMMAND",
        "comm" => "COMMAND",
        "uid" => "UID",
        other => bail!("unknown descriptor: {other}"),
    }
    .to_string())
}

fn cell(d: &str, p: &Proc, passwd: &str, uid_map: &str, uptime: u64) -> String {
    let hz = clock_ticks();
    let elapsed_ticks = uptime.saturating_sub(p.start_ticks).max(1);
    match d {
        "user" => {
            let uid = container_uid(p.uid, uid_map);
            user_name(passwd, uid).unwrap_or_else(|| uid.to_string())
        }
        "uid" => container_uid(p.uid, uid_map).to_string(),
        "pid" => p.ns_pid.to_string(),
        "ppid" => p.ns_ppid.to_string(),
        "pcpu" => format!("{:.3}", 100.0 * p.cpu_ticks as f64 / elapsed_ticks as f64),
        "etime" => go_duration(elapsed_ticks as f64 / hz),
        "tty" => p.tty.clone(),
        "time" => go_duration((p.cpu_ticks as f64 / hz).floor()),
        "comm" => p.comm.clone(),
        _ => p.args.clone(),
    }
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf with a constant name.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

fn read_uptime_ticks() -> Result<u64> {
    let text = std::fs::read_to_string("/proc/uptime").context("reading /proc/uptime")?;
    let secs: f64 = text
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    Ok((secs * clock_ticks()) as u64)
}

/// Go's time.Duration formatting, as Podman's top prints ELAPSED and TIME.
fn go_duration(secs: f64) -> String {
    if secs < 1.0 {
        return if secs <= 0.0 {
            "0s".into()
        } else {
            format!("{}ms", (secs * 1000.0).round())
        };
    }
    let total = secs as u64;
    let (h, m, s) = (
        total / 3600,
        (total % 3600) / 60,
        secs - (total - total % 60) as f64,
    );
    let s_txt = format!("{s:.3}")
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string();
    match (h, m) {
        (0, 0) => format!("{s_txt}s"),
        (0, m) => format!("{m}m{s_txt}s"),
        (h, m) => format!("{h}h{m}m{s_txt}s"),
    }
}

fn container_uid(host_uid: u32, uid_map: &str) -> u32 {
    for line in uid_map.lines() {
        let f: Vec<u64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [inside, outside, count] = f[..] {
            let h = u64::from(host_uid);
            if h >= outside && h < outside + count {
                return (inside + h - outside) as u32;
            }
        }
    }
    host_uid
}

fn user_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let _ = f.next();
        (f.next()?.parse::<u32>().ok()? == uid).then(|| name.to_string())
    })
}

/// Every process in the PID namespace of `init`.
fn container_processes(init: i32) -> Result<Vec<Proc>> {
    let mut out: Vec<Proc> = crate::sys::proc::pids_in_pid_namespace_of(init)?
        .into_iter()
        .filter_map(read_proc)
        .collect();
    out.sort_by_key(|p| p.ns_pid);
    Ok(out)
}

fn read_proc(pid: i32) -> Option<Proc> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(str::trim)
    };
    let ns_pid = field("NSpid:")?.split_whitespace().last()?.parse().ok()?;
    let uid = field("Uid:")?.split_whitespace().nth(1)?.parse().ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = stat.rsplit_once(')')?;
    let comm = head.split_once('(')?.1.to_string();
    let f: Vec<&str> = rest.split_whitespace().collect();
    // Fields after the command: state(0) ppid(1) ... tty_nr(4) ... utime(11) stime(12) ... starttime(19)
    let host_ppid: i32 = f.get(1)?.parse().ok()?;
    let tty_nr: u64 = f.get(4)?.parse().ok()?;
    let cpu_ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    let start_ticks = f.get(19)?.parse().ok()?;
    let ns_ppid = std::fs::read_to_string(format!("/proc/{host_ppid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("NSpid:"))
                .and_then(|v| {
                    let ids: Vec<&str> = v.split_whitespace().collect();
                    // Only a parent inside the namespace has a second id.
                    (ids.len() > 1)
                        .then(|| ids.last().and_then(|x| x.parse().ok()))
                        .flatten()
                })
        })
        .unwrap_or(0);
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let args = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let tty = if tty_nr == 0 {
        "?".to_string()
    } else {
        format!("pts/{}", (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00))
    };
    Some(Proc {
        ns_pid,
        ns_ppid,
        uid,
        comm: comm.clone(),
        args: if args.is_empty() {
            format!("[{comm}]")
        } else {
            args
        },
        tty,
        cpu_ticks,
        start_ticks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(go_duration(0.0), "0s");
        assert_eq!(go_duration(5.25), "5.25s");
        assert_eq!(go_duration(65.0), "1m5s");
        assert_eq!(go_duration(3725.5), "1h2m5.5s");
    }

    #[test]
    fn uids_map_back_into_the_container() {
        let map = "         0       1001          1\n         1     100000      65536\n";
        assert_eq!(container_uid(1001, map), 0);
        assert_eq!(container_uid(100999, map), 1000);
        assert_eq!(
            user_name("root:x:0:0::/:/bin/sh\nuser:x:1000:1000::/:/bin/sh\n", 1000).as_deref(),
            Some("user")
        );
    }
}
