//! `events`: the events log, as Podman prints it.

use super::format::govalue::{GoField, GoStruct, GoType, GoValue, Keys, INT, STRING, STRING_MAP};
use super::format::{self, Columns, Format, RenderOptions};
use super::units::parse_input_time;
use super::GlobalOptions;
use crate::engine::events::EventsOptions;
use crate::store::events::Event;
use crate::sys::local_time::go_string;
use anyhow::{anyhow, Result};
use clap::Args;
use serde_json::{json, Value};
use std::io::Write;

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// filter output
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// format the output using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// do not truncate the output
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub no_trunc: bool,
    /// show all events created since timestamp
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// stream new events; for testing only
    #[arg(long, hide = true, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub stream: bool,
    /// show all events until timestamp
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

pub fn events(g: &GlobalOptions, a: EventsArgs) -> Result<i32> {
    let time = |value: &Option<String>, since: bool| -> Result<_> {
        let Some(s) = value else { return Ok(None) };
        let which = if since { "since" } else { "until" };
        parse_input_time(s, since).map(Some).map_err(|e| {
            anyhow!("failed to parse event filters: unable to convert {which} time of {s}: {e}")
        })
    };
    let options = EventsOptions {
        filters: a.filter.clone(),
        since: time(&a.since, true)?,
        until: time(&a.until, false)?,
        stream: a.stream,
    };
    let format = a.format.as_deref().map(|f| format::parse_format(Some(f)));
    let mut out = std::io::stdout().lock();
    g.engine().events(&options, |event| {
        let text = match &format {
            None | Some(Format::Default) => format!("{}\n", human(event, !a.no_trunc)),
            Some(Format::Json) => format!("{}\n", event.to_json()),
            Some(template) => format::render_with(
                template,
                &Columns {
                    default_template: "",
                    headers: &[],
                    row: &EVENTS_EVENT,
                },
                &[GoValue::from_json(
                    GoType::Struct(&EVENTS_EVENT),
                    Some(&template_row(event)),
                    Keys::Go,
                )],
                &RenderOptions {
                    name: "events",
                    no_heading: false,
                },
            )?,
        };
        // Stop quietly when the reader went away (`| head`).
        match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e.into()),
        }
    })?;
    Ok(0)
}

/// Podman's `Event.ToHumanReadable`: the time as Go prints it, type,
/// status, ID (12 digits when truncating), then what the type has.
fn human(e: &Event, truncate: bool) -> String {
    let time = go_string(&e.time, e.time_utc);
    let id = if truncate { truncate_id(&e.id) } else { &e.id };
    let (kind, status) = (&e.kind, &e.status);
    match kind.as_str() {
        "container" | "pod" => {
            let mut s = format!(
                "{time} {kind} {status} {id} (image={}, name={}",
                e.image, e.name
            );
            if !e.pod_id.is_empty() {
                s.push_str(&format!(", pod_id={}", e.pod_id));
            }
            if !e.health_status.is_empty() {
                s.push_str(&format!(", health_status={}", e.health_status));
            }
            for (k, v) in e.attributes.iter().flatten() {
                s.push_str(&format!(", {k}={v}"));
            }
            s.push(')');
            s
        }
        "network" => format!(
            "{time} {kind} {status} {id} (container={id}, name={})",
            e.network
        ),
        "image" => format!("{time} {kind} {status} {id} {}", e.name),
        "system" if e.name.is_empty() => format!("{time} {kind} {status}"),
        "system" | "volume" | "machine" => format!("{time} {kind} {status} {}", e.name),
        _ => String::new(),
    }
}

/// containers/storage's `stringid.TruncateID`: after any `algo:`, at most
/// 12 characters.
fn truncate_id(id: &str) -> &str {
    let id = id.split_once(':').map_or(id, |(_, hex)| hex);
    id.get(..12).unwrap_or(id)
}

/// Podman's `events.Event` (libpod/events/config.go) as templates see it,
/// its embedded `Details` promoted; `Time` is the text Go prints for it.
const EVENTS_EVENT: GoStruct = GoStruct {
    name: "events.Event",
    fields: &[
        GoField::new("ContainerExitCode", "ContainerExitCode", INT),
        GoField::new("ID", "ID", STRING),
        GoField::new("Image", "Image", STRING),
        GoField::new("Name", "Name", STRING),
        GoField::new("Network", "Network", STRING),
        GoField::new("Status", "Status", STRING),
        GoField::new("Time", "Time", STRING),
        GoField::new("Type", "Type", STRING),
        GoField::new("HealthStatus", "HealthStatus", STRING),
        GoField::new("PodID", "PodID", STRING),
        GoField::new("Attributes", "Attributes", STRING_MAP),
    ],
};

/// The fields of Podman's `events.Event` for `--format` templates.
fn template_row(e: &Event) -> Value {
    let attributes = json!(e.attributes.clone().unwrap_or_default());
    json!({
        "ContainerExitCode": e.container_exit_code,
        "ID": e.id,
        "Image": e.image,
        "Name": e.name,
        "Network": e.network,
        "Status": e.status,
        "Time": go_string(&e.time, e.time_utc),
        "Type": e.kind,
        "HealthStatus": e.health_status,
        "Details": {"ID": e.id, "PodID": e.pod_id, "Attributes": attributes},
        "PodID": e.pod_id,
        "Attributes": attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(line: &str) -> Event {
        Event::from_json(line).unwrap()
    }

    #[test]
    fn container_events_print_as_podman() {
        let e = event(
            r#"{"ID":"09a01a9f907b53988c2d12b29fb6639c1ee590a6c4640a2e8bbf2931086b866a","Image":"127.0.0.1:5001/libpod/testimage:20220615","Name":"c1","Status":"start","Time":"2026-12-06T22:10:17.51338346Z","Type":"container","Attributes":{"created_at":"2022-06-15T15:15:52Z","created_by":"test/system/build-testimage","foo":"bar"}}"#,
        );
        assert_eq!(
            human(&e, false),
            "2026-12-06 22:10:17.51338346 +0000 UTC container start 09a01a9f907b53988c2d12b29fb6639c1ee590a6c4640a2e8bbf2931086b866a (image=127.0.0.1:5001/libpod/testimage:20220615, name=c1, created_at=2022-06-15T15:15:52Z, created_by=test/system/build-testimage, foo=bar)"
        );
        assert!(human(&e, true).contains(" start 09a01a9f907b (image="));
    }

    #[test]
    fn image_and_system_events_print_as_podman() {
        let pull = event(
            r#"{"Name":"127.0.0.1:5001/libpod/testimage:20220615","Status":"pull","Time":"2026-12-06T22:10:09.628968074Z","Type":"image","Attributes":null}"#,
        );
        assert_eq!(
            human(&pull, false),
            "2026-12-06 22:10:09.628968074 +0000 UTC image pull  127.0.0.1:5001/libpod/testimage:20220615"
        );
        let rotation = event(
            r#"{"Name":"/tmp/e.log","Status":"log-rotation","Time":"2026-12-06T22:10:09Z","Type":"system","Attributes":null}"#,
        );
        assert_eq!(
            human(&rotation, true),
            "2026-12-06 22:10:09 +0000 UTC system log-rotation /tmp/e.log"
        );
    }

    #[test]
    fn ids_truncate_as_stringid() {
        assert_eq!(truncate_id("sha256:0123456789abcdef"), "0123456789ab");
        assert_eq!(truncate_id("abc"), "abc");
    }
}
