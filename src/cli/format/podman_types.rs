//! Podman's Go types, as its templates see them: one [`GoStruct`] per
//! struct, fields in declaration order with their JSON keys (embedded
//! structs flattened, as JSON and templates see them).
//!
//! The tables down to the reporters were generated from Podman v4.3.1's
//! sources (the tag's libpod/define, pkg/inspect, pkg/domain/entities,
//! pkg/ps/define and the vendored image-spec, storage, image and common
//! packages); the reporters (the rows of `images`, `history` and `ps`,
//! defined in cmd/podman) are written by hand: their methods hide the
//! embedded fields of the same name.

use super::govalue::{
    GoField, GoStruct, GoType, ANY, BOOL, EMPTY, FLOAT64, INT, INT64, STRING, STRINGS, STRING_MAP,
    TIME,
};

/// `define.Info` (libpod/define/info.go).
pub const DEFINE_INFO: GoStruct = GoStruct {
    name: "define.Info",
    fields: &[
        GoField::new(
            "Host",
            "host",
            GoType::Ptr(&GoType::Struct(&DEFINE_HOST_INFO)),
        ),
        GoField::new(
            "Store",
            "store",
            GoType::Ptr(&GoType::Struct(&DEFINE_STORE_INFO)),
        ),
        GoField::new("Registries", "registries", GoType::Map(&ANY)),
        GoField::new("Plugins", "plugins", GoType::Struct(&DEFINE_PLUGINS)),
        GoField::new("Version", "version", GoType::Struct(&DEFINE_VERSION)),
    ],
};

/// `define.HostInfo` (libpod/define/info.go).
pub const DEFINE_HOST_INFO: GoStruct = GoStruct {
    name: "define.HostInfo",
    fields: &[
        GoField::new("Arch", "arch", STRING),
        GoField::new("BuildahVersion", "buildahVersion", STRING),
        GoField::new("CgroupManager", "cgroupManager", STRING),
        GoField::new("CgroupsVersion", "cgroupVersion", STRING),
        GoField::new("CgroupControllers", "cgroupControllers", STRINGS),
        GoField::new(
            "Conmon",
            "conmon",
            GoType::Ptr(&GoType::Struct(&DEFINE_CONMON_INFO)),
        ),
        GoField::new("CPUs", "cpus", INT),
        GoField::new(
            "CPUUtilization",
            "cpuUtilization",
            GoType::Ptr(&GoType::Struct(&DEFINE_CPU_USAGE)),
        ),
        GoField::new(
            "Distribution",
            "distribution",
            GoType::Struct(&DEFINE_DISTRIBUTION_INFO),
        ),
        GoField::new("EventLogger", "eventLogger", STRING),
        GoField::new("Hostname", "hostname", STRING),
        GoField::omitempty(
            "IDMappings",
            "idMappings",
            GoType::Struct(&DEFINE_ID_MAPPINGS),
        ),
        GoField::new("Kernel", "kernel", STRING),
        GoField::new("LogDriver", "logDriver", STRING),
        GoField::new("MemFree", "memFree", INT64),
        GoField::new("MemTotal", "memTotal", INT64),
        GoField::new("NetworkBackend", "networkBackend", STRING),
        GoField::new(
            "OCIRuntime",
            "ociRuntime",
            GoType::Ptr(&GoType::Struct(&DEFINE_OCI_RUNTIME_INFO)),
        ),
        GoField::new("OS", "os", STRING),
        GoField::omitempty(
            "RemoteSocket",
            "remoteSocket",
            GoType::Ptr(&GoType::Struct(&DEFINE_REMOTE_SOCKET)),
        ),
        GoField::omitempty("RuntimeInfo", "runtimeInfo", GoType::Map(&ANY)),
        GoField::new("ServiceIsRemote", "serviceIsRemote", BOOL),
        GoField::new(
            "Security",
            "security",
            GoType::Struct(&DEFINE_SECURITY_INFO),
        ),
        GoField::omitempty(
            "Slirp4NetNS",
            "slirp4netns",
            GoType::Struct(&DEFINE_SLIRP_INFO),
        ),
        GoField::new("SwapFree", "swapFree", INT64),
        GoField::new("SwapTotal", "swapTotal", INT64),
        GoField::new("Uptime", "uptime", STRING),
        GoField::new("Linkmode", "linkmode", STRING),
    ],
};

/// `define.SecurityInfo` (libpod/define/info.go).
pub const DEFINE_SECURITY_INFO: GoStruct = GoStruct {
    name: "define.SecurityInfo",
    fields: &[
        GoField::new("AppArmorEnabled", "apparmorEnabled", BOOL),
        GoField::new("DefaultCapabilities", "capabilities", STRING),
        GoField::new("Rootless", "rootless", BOOL),
        GoField::new("SECCOMPEnabled", "seccompEnabled", BOOL),
        GoField::new("SECCOMPProfilePath", "seccompProfilePath", STRING),
        GoField::new("SELinuxEnabled", "selinuxEnabled", BOOL),
    ],
};

/// `define.RemoteSocket` (libpod/define/info.go).
pub const DEFINE_REMOTE_SOCKET: GoStruct = GoStruct {
    name: "define.RemoteSocket",
    fields: &[
        GoField::omitempty("Path", "path", STRING),
        GoField::omitempty("Exists", "exists", BOOL),
    ],
};

/// `define.SlirpInfo` (libpod/define/info.go).
pub const DEFINE_SLIRP_INFO: GoStruct = GoStruct {
    name: "define.SlirpInfo",
    fields: &[
        GoField::new("Executable", "executable", STRING),
        GoField::new("Package", "package", STRING),
        GoField::new("Version", "version", STRING),
    ],
};

/// `define.IDMappings` (libpod/define/info.go).
pub const DEFINE_ID_MAPPINGS: GoStruct = GoStruct {
    name: "define.IDMappings",
    fields: &[
        GoField::new(
            "GIDMap",
            "gidmap",
            GoType::Slice(&GoType::Struct(&IDTOOLS_ID_MAP)),
        ),
        GoField::new(
            "UIDMap",
            "uidmap",
            GoType::Slice(&GoType::Struct(&IDTOOLS_ID_MAP)),
        ),
    ],
};

/// `define.DistributionInfo` (libpod/define/info.go).
pub const DEFINE_DISTRIBUTION_INFO: GoStruct = GoStruct {
    name: "define.DistributionInfo",
    fields: &[
        GoField::new("Distribution", "distribution", STRING),
        GoField::omitempty("Variant", "variant", STRING),
        GoField::new("Version", "version", STRING),
        GoField::omitempty("Codename", "codename", STRING),
    ],
};

/// `define.ConmonInfo` (libpod/define/info.go).
pub const DEFINE_CONMON_INFO: GoStruct = GoStruct {
    name: "define.ConmonInfo",
    fields: &[
        GoField::new("Package", "package", STRING),
        GoField::new("Path", "path", STRING),
        GoField::new("Version", "version", STRING),
    ],
};

/// `define.OCIRuntimeInfo` (libpod/define/info.go).
pub const DEFINE_OCI_RUNTIME_INFO: GoStruct = GoStruct {
    name: "define.OCIRuntimeInfo",
    fields: &[
        GoField::new("Name", "name", STRING),
        GoField::new("Package", "package", STRING),
        GoField::new("Path", "path", STRING),
        GoField::new("Version", "version", STRING),
    ],
};

/// `define.StoreInfo` (libpod/define/info.go).
pub const DEFINE_STORE_INFO: GoStruct = GoStruct {
    name: "define.StoreInfo",
    fields: &[
        GoField::new("ConfigFile", "configFile", STRING),
        GoField::new(
            "ContainerStore",
            "containerStore",
            GoType::Struct(&DEFINE_CONTAINER_STORE),
        ),
        GoField::new("GraphDriverName", "graphDriverName", STRING),
        GoField::new("GraphOptions", "graphOptions", GoType::Map(&ANY)),
        GoField::new("GraphRoot", "graphRoot", STRING),
        GoField::new(
            "GraphRootAllocated",
            "graphRootAllocated",
            GoType::Int("uint64"),
        ),
        GoField::new("GraphRootUsed", "graphRootUsed", GoType::Int("uint64")),
        GoField::new("GraphStatus", "graphStatus", STRING_MAP),
        GoField::new("ImageCopyTmpDir", "imageCopyTmpDir", STRING),
        GoField::new(
            "ImageStore",
            "imageStore",
            GoType::Struct(&DEFINE_IMAGE_STORE),
        ),
        GoField::new("RunRoot", "runRoot", STRING),
        GoField::new("VolumePath", "volumePath", STRING),
    ],
};

/// `define.ImageStore` (libpod/define/info.go).
pub const DEFINE_IMAGE_STORE: GoStruct = GoStruct {
    name: "define.ImageStore",
    fields: &[GoField::new("Number", "number", INT)],
};

/// `define.ContainerStore` (libpod/define/info.go).
pub const DEFINE_CONTAINER_STORE: GoStruct = GoStruct {
    name: "define.ContainerStore",
    fields: &[
        GoField::new("Number", "number", INT),
        GoField::new("Paused", "paused", INT),
        GoField::new("Running", "running", INT),
        GoField::new("Stopped", "stopped", INT),
    ],
};

/// `define.Plugins` (libpod/define/info.go).
pub const DEFINE_PLUGINS: GoStruct = GoStruct {
    name: "define.Plugins",
    fields: &[
        GoField::new("Volume", "volume", STRINGS),
        GoField::new("Network", "network", STRINGS),
        GoField::new("Log", "log", STRINGS),
        GoField::new("Authorization", "authorization", STRINGS),
    ],
};

/// `define.CPUUsage` (libpod/define/info.go).
pub const DEFINE_CPU_USAGE: GoStruct = GoStruct {
    name: "define.CPUUsage",
    fields: &[
        GoField::new("UserPercent", "userPercent", FLOAT64),
        GoField::new("SystemPercent", "systemPercent", FLOAT64),
        GoField::new("IdlePercent", "idlePercent", FLOAT64),
    ],
};

/// `define.Version` (libpod/define/version.go).
pub const DEFINE_VERSION: GoStruct = GoStruct {
    name: "define.Version",
    fields: &[
        GoField::new("APIVersion", "APIVersion", STRING),
        GoField::new("Version", "Version", STRING),
        GoField::new("GoVersion", "GoVersion", STRING),
        GoField::new("GitCommit", "GitCommit", STRING),
        GoField::new("BuiltTime", "BuiltTime", STRING),
        GoField::new("Built", "Built", INT64),
        GoField::new("OsArch", "OsArch", STRING),
        GoField::new("Os", "Os", STRING),
    ],
};

/// `idtools.IDMap` (vendor/github.com/containers/storage/pkg/idtools/idtools.go).
pub const IDTOOLS_ID_MAP: GoStruct = GoStruct {
    name: "idtools.IDMap",
    fields: &[
        GoField::new("ContainerID", "container_id", INT),
        GoField::new("HostID", "host_id", INT),
        GoField::new("Size", "size", INT),
    ],
};

/// `entities.SystemVersionReport` (pkg/domain/entities/system.go).
pub const ENTITIES_SYSTEM_VERSION_REPORT: GoStruct = GoStruct {
    name: "entities.SystemVersionReport",
    fields: &[
        GoField::omitempty(
            "Client",
            "Client",
            GoType::Ptr(&GoType::Struct(&DEFINE_VERSION)),
        ),
        GoField::omitempty(
            "Server",
            "Server",
            GoType::Ptr(&GoType::Struct(&DEFINE_VERSION)),
        ),
    ],
};

/// `inspect.ImageData` (pkg/inspect/inspect.go).
pub const INSPECT_IMAGE_DATA: GoStruct = GoStruct {
    name: "inspect.ImageData",
    fields: &[
        GoField::new("ID", "Id", STRING),
        GoField::new("Digest", "Digest", GoType::String("digest.Digest")),
        GoField::new("RepoTags", "RepoTags", STRINGS),
        GoField::new("RepoDigests", "RepoDigests", STRINGS),
        GoField::new("Parent", "Parent", STRING),
        GoField::new("Comment", "Comment", STRING),
        GoField::new("Created", "Created", GoType::Ptr(&TIME)),
        GoField::new(
            "Config",
            "Config",
            GoType::Ptr(&GoType::Struct(&V1_IMAGE_CONFIG)),
        ),
        GoField::new("Version", "Version", STRING),
        GoField::new("Author", "Author", STRING),
        GoField::new("Architecture", "Architecture", STRING),
        GoField::new("Os", "Os", STRING),
        GoField::new("Size", "Size", INT64),
        GoField::new("VirtualSize", "VirtualSize", INT64),
        GoField::new(
            "GraphDriver",
            "GraphDriver",
            GoType::Ptr(&GoType::Struct(&DEFINE_DRIVER_DATA)),
        ),
        GoField::new(
            "RootFS",
            "RootFS",
            GoType::Ptr(&GoType::Struct(&INSPECT_ROOT_FS)),
        ),
        GoField::new("Labels", "Labels", STRING_MAP),
        GoField::new("Annotations", "Annotations", STRING_MAP),
        GoField::new("ManifestType", "ManifestType", STRING),
        GoField::new("User", "User", STRING),
        GoField::new(
            "History",
            "History",
            GoType::Slice(&GoType::Struct(&V1_HISTORY)),
        ),
        GoField::new("NamesHistory", "NamesHistory", STRINGS),
        GoField::omitempty(
            "HealthCheck",
            "Healthcheck",
            GoType::Ptr(&GoType::Struct(&MANIFEST_SCHEMA2_HEALTH_CONFIG)),
        ),
    ],
};

/// `inspect.RootFS` (pkg/inspect/inspect.go).
pub const INSPECT_ROOT_FS: GoStruct = GoStruct {
    name: "inspect.RootFS",
    fields: &[
        GoField::new("Type", "Type", STRING),
        GoField::new(
            "Layers",
            "Layers",
            GoType::Slice(&GoType::String("digest.Digest")),
        ),
    ],
};

/// `v1.ImageConfig` (vendor/github.com/opencontainers/image-spec/specs-go/v1/config.go).
pub const V1_IMAGE_CONFIG: GoStruct = GoStruct {
    name: "v1.ImageConfig",
    fields: &[
        GoField::omitempty("User", "User", STRING),
        GoField::omitempty("ExposedPorts", "ExposedPorts", GoType::Map(&EMPTY)),
        GoField::omitempty("Env", "Env", STRINGS),
        GoField::omitempty("Entrypoint", "Entrypoint", STRINGS),
        GoField::omitempty("Cmd", "Cmd", STRINGS),
        GoField::omitempty("Volumes", "Volumes", GoType::Map(&EMPTY)),
        GoField::omitempty("WorkingDir", "WorkingDir", STRING),
        GoField::omitempty("Labels", "Labels", STRING_MAP),
        GoField::omitempty("StopSignal", "StopSignal", STRING),
    ],
};

/// `v1.History` (vendor/github.com/opencontainers/image-spec/specs-go/v1/config.go).
pub const V1_HISTORY: GoStruct = GoStruct {
    name: "v1.History",
    fields: &[
        GoField::omitempty("Created", "created", GoType::Ptr(&TIME)),
        GoField::omitempty("CreatedBy", "created_by", STRING),
        GoField::omitempty("Author", "author", STRING),
        GoField::omitempty("Comment", "comment", STRING),
        GoField::omitempty("EmptyLayer", "empty_layer", BOOL),
    ],
};

/// `manifest.Schema2HealthConfig` (vendor/github.com/containers/image/v5/manifest/docker_schema2.go).
pub const MANIFEST_SCHEMA2_HEALTH_CONFIG: GoStruct = GoStruct {
    name: "manifest.Schema2HealthConfig",
    fields: &[
        GoField::omitempty("Test", "Test", STRINGS),
        GoField::omitempty("StartPeriod", "StartPeriod", GoType::Int("time.Duration")),
        GoField::omitempty("Interval", "Interval", GoType::Int("time.Duration")),
        GoField::omitempty("Timeout", "Timeout", GoType::Int("time.Duration")),
        GoField::omitempty("Retries", "Retries", INT),
    ],
};

/// `define.InspectIDMappings` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_ID_MAPPINGS: GoStruct = GoStruct {
    name: "define.InspectIDMappings",
    fields: &[
        GoField::new("UIDMap", "UidMap", STRINGS),
        GoField::new("GIDMap", "GidMap", STRINGS),
    ],
};

/// `define.InspectContainerConfig` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_CONTAINER_CONFIG: GoStruct = GoStruct {
    name: "define.InspectContainerConfig",
    fields: &[
        GoField::new("Hostname", "Hostname", STRING),
        GoField::new("DomainName", "Domainname", STRING),
        GoField::new("User", "User", STRING),
        GoField::new("AttachStdin", "AttachStdin", BOOL),
        GoField::new("AttachStdout", "AttachStdout", BOOL),
        GoField::new("AttachStderr", "AttachStderr", BOOL),
        GoField::new("Tty", "Tty", BOOL),
        GoField::new("OpenStdin", "OpenStdin", BOOL),
        GoField::new("StdinOnce", "StdinOnce", BOOL),
        GoField::new("Env", "Env", STRINGS),
        GoField::new("Cmd", "Cmd", STRINGS),
        GoField::new("Image", "Image", STRING),
        GoField::new("Volumes", "Volumes", GoType::Map(&EMPTY)),
        GoField::new("WorkingDir", "WorkingDir", STRING),
        GoField::new("Entrypoint", "Entrypoint", STRING),
        GoField::new("OnBuild", "OnBuild", GoType::Ptr(&STRING)),
        GoField::new("Labels", "Labels", STRING_MAP),
        GoField::new("Annotations", "Annotations", STRING_MAP),
        GoField::new("StopSignal", "StopSignal", GoType::Int("uint")),
        GoField::omitempty(
            "Healthcheck",
            "Healthcheck",
            GoType::Ptr(&GoType::Struct(&MANIFEST_SCHEMA2_HEALTH_CONFIG)),
        ),
        GoField::omitempty(
            "HealthcheckOnFailureAction",
            "HealthcheckOnFailureAction",
            STRING,
        ),
        GoField::omitempty("CreateCommand", "CreateCommand", STRINGS),
        GoField::omitempty("Timezone", "Timezone", STRING),
        GoField::omitempty("SystemdMode", "SystemdMode", BOOL),
        GoField::omitempty("Umask", "Umask", STRING),
        GoField::omitempty(
            "Secrets",
            "Secrets",
            GoType::Slice(&GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_SECRET))),
        ),
        GoField::new("Timeout", "Timeout", GoType::Int("uint")),
        GoField::new("StopTimeout", "StopTimeout", GoType::Int("uint")),
        GoField::omitempty("Passwd", "Passwd", GoType::Ptr(&BOOL)),
        GoField::omitempty("ChrootDirs", "ChrootDirs", STRINGS),
        GoField::omitempty("SdNotifyMode", "sdNotifyMode", STRING),
        GoField::omitempty("SdNotifySocket", "sdNotifySocket", STRING),
    ],
};

/// `define.InspectRestartPolicy` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_RESTART_POLICY: GoStruct = GoStruct {
    name: "define.InspectRestartPolicy",
    fields: &[
        GoField::new("Name", "Name", STRING),
        GoField::new(
            "MaximumRetryCount",
            "MaximumRetryCount",
            GoType::Int("uint"),
        ),
    ],
};

/// `define.InspectLogConfig` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_LOG_CONFIG: GoStruct = GoStruct {
    name: "define.InspectLogConfig",
    fields: &[
        GoField::new("Type", "Type", STRING),
        GoField::new("Config", "Config", STRING_MAP),
        GoField::new("Path", "Path", STRING),
        GoField::new("Tag", "Tag", STRING),
        GoField::new("Size", "Size", STRING),
    ],
};

/// `define.InspectBlkioWeightDevice` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_BLKIO_WEIGHT_DEVICE: GoStruct = GoStruct {
    name: "define.InspectBlkioWeightDevice",
    fields: &[
        GoField::new("Path", "Path", STRING),
        GoField::new("Weight", "Weight", GoType::Int("uint16")),
    ],
};

/// `define.InspectBlkioThrottleDevice` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_BLKIO_THROTTLE_DEVICE: GoStruct = GoStruct {
    name: "define.InspectBlkioThrottleDevice",
    fields: &[
        GoField::new("Path", "Path", STRING),
        GoField::new("Rate", "Rate", GoType::Int("uint64")),
    ],
};

/// `define.InspectUlimit` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_ULIMIT: GoStruct = GoStruct {
    name: "define.InspectUlimit",
    fields: &[
        GoField::new("Name", "Name", STRING),
        GoField::new("Soft", "Soft", INT64),
        GoField::new("Hard", "Hard", INT64),
    ],
};

/// `define.InspectDevice` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_DEVICE: GoStruct = GoStruct {
    name: "define.InspectDevice",
    fields: &[
        GoField::new("PathOnHost", "PathOnHost", STRING),
        GoField::new("PathInContainer", "PathInContainer", STRING),
        GoField::new("CgroupPermissions", "CgroupPermissions", STRING),
    ],
};

/// `define.InspectHostPort` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_HOST_PORT: GoStruct = GoStruct {
    name: "define.InspectHostPort",
    fields: &[
        GoField::new("HostIP", "HostIp", STRING),
        GoField::new("HostPort", "HostPort", STRING),
    ],
};

/// `define.InspectMount` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_MOUNT: GoStruct = GoStruct {
    name: "define.InspectMount",
    fields: &[
        GoField::new("Type", "Type", STRING),
        GoField::omitempty("Name", "Name", STRING),
        GoField::new("Source", "Source", STRING),
        GoField::new("Destination", "Destination", STRING),
        GoField::new("Driver", "Driver", STRING),
        GoField::new("Mode", "Mode", STRING),
        GoField::new("Options", "Options", STRINGS),
        GoField::new("RW", "RW", BOOL),
        GoField::new("Propagation", "Propagation", STRING),
    ],
};

/// `define.InspectContainerState` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_CONTAINER_STATE: GoStruct = GoStruct {
    name: "define.InspectContainerState",
    fields: &[
        GoField::new("OciVersion", "OciVersion", STRING),
        GoField::new("Status", "Status", STRING),
        GoField::new("Running", "Running", BOOL),
        GoField::new("Paused", "Paused", BOOL),
        GoField::new("Restarting", "Restarting", BOOL),
        GoField::new("OOMKilled", "OOMKilled", BOOL),
        GoField::new("Dead", "Dead", BOOL),
        GoField::new("Pid", "Pid", INT),
        GoField::omitempty("ConmonPid", "ConmonPid", INT),
        GoField::new("ExitCode", "ExitCode", GoType::Int("int32")),
        GoField::new("Error", "Error", STRING),
        GoField::new("StartedAt", "StartedAt", TIME),
        GoField::new("FinishedAt", "FinishedAt", TIME),
        GoField::omitempty(
            "Health",
            "Health",
            GoType::Struct(&DEFINE_HEALTH_CHECK_RESULTS),
        ),
        GoField::omitempty("Checkpointed", "Checkpointed", BOOL),
        GoField::omitempty("CgroupPath", "CgroupPath", STRING),
        GoField::omitempty("CheckpointedAt", "CheckpointedAt", TIME),
        GoField::omitempty("RestoredAt", "RestoredAt", TIME),
        GoField::omitempty("CheckpointLog", "CheckpointLog", STRING),
        GoField::omitempty("CheckpointPath", "CheckpointPath", STRING),
        GoField::omitempty("RestoreLog", "RestoreLog", STRING),
        GoField::omitempty("Restored", "Restored", BOOL),
    ],
};

/// `define.HealthCheckResults` (libpod/define/container_inspect.go).
pub const DEFINE_HEALTH_CHECK_RESULTS: GoStruct = GoStruct {
    name: "define.HealthCheckResults",
    fields: &[
        GoField::new("Status", "Status", STRING),
        GoField::new("FailingStreak", "FailingStreak", INT),
        GoField::new(
            "Log",
            "Log",
            GoType::Slice(&GoType::Struct(&DEFINE_HEALTH_CHECK_LOG)),
        ),
    ],
};

/// `define.HealthCheckLog` (libpod/define/container_inspect.go).
pub const DEFINE_HEALTH_CHECK_LOG: GoStruct = GoStruct {
    name: "define.HealthCheckLog",
    fields: &[
        GoField::new("Start", "Start", STRING),
        GoField::new("End", "End", STRING),
        GoField::new("ExitCode", "ExitCode", INT),
        GoField::new("Output", "Output", STRING),
    ],
};

/// `define.InspectContainerHostConfig` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_CONTAINER_HOST_CONFIG: GoStruct = GoStruct {
    name: "define.InspectContainerHostConfig",
    fields: &[
        GoField::new("Binds", "Binds", STRINGS),
        GoField::omitempty("CgroupManager", "CgroupManager", STRING),
        GoField::new("CgroupMode", "CgroupMode", STRING),
        GoField::new("ContainerIDFile", "ContainerIDFile", STRING),
        GoField::new(
            "LogConfig",
            "LogConfig",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_LOG_CONFIG)),
        ),
        GoField::new("NetworkMode", "NetworkMode", STRING),
        GoField::new(
            "PortBindings",
            "PortBindings",
            GoType::Map(&GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_HOST_PORT))),
        ),
        GoField::new(
            "RestartPolicy",
            "RestartPolicy",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_RESTART_POLICY)),
        ),
        GoField::new("AutoRemove", "AutoRemove", BOOL),
        GoField::new("VolumeDriver", "VolumeDriver", STRING),
        GoField::new("VolumesFrom", "VolumesFrom", STRINGS),
        GoField::new("CapAdd", "CapAdd", STRINGS),
        GoField::new("CapDrop", "CapDrop", STRINGS),
        GoField::new("Dns", "Dns", STRINGS),
        GoField::new("DnsOptions", "DnsOptions", STRINGS),
        GoField::new("DnsSearch", "DnsSearch", STRINGS),
        GoField::new("ExtraHosts", "ExtraHosts", STRINGS),
        GoField::new("GroupAdd", "GroupAdd", STRINGS),
        GoField::new("IpcMode", "IpcMode", STRING),
        GoField::new("Cgroup", "Cgroup", STRING),
        GoField::new("Cgroups", "Cgroups", STRING),
        GoField::new("Links", "Links", STRINGS),
        GoField::new("OomScoreAdj", "OomScoreAdj", INT),
        GoField::new("PidMode", "PidMode", STRING),
        GoField::new("Privileged", "Privileged", BOOL),
        GoField::new("PublishAllPorts", "PublishAllPorts", BOOL),
        GoField::new("ReadonlyRootfs", "ReadonlyRootfs", BOOL),
        GoField::new("SecurityOpt", "SecurityOpt", STRINGS),
        GoField::new("Tmpfs", "Tmpfs", STRING_MAP),
        GoField::new("UTSMode", "UTSMode", STRING),
        GoField::new("UsernsMode", "UsernsMode", STRING),
        GoField::omitempty(
            "IDMappings",
            "IDMappings",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_ID_MAPPINGS)),
        ),
        GoField::new("ShmSize", "ShmSize", INT64),
        GoField::new("Runtime", "Runtime", STRING),
        GoField::new(
            "ConsoleSize",
            "ConsoleSize",
            GoType::Slice(&GoType::Int("uint")),
        ),
        GoField::new("Isolation", "Isolation", STRING),
        GoField::new("CpuShares", "CpuShares", GoType::Int("uint64")),
        GoField::new("Memory", "Memory", INT64),
        GoField::new("NanoCpus", "NanoCpus", INT64),
        GoField::new("CgroupParent", "CgroupParent", STRING),
        GoField::new("BlkioWeight", "BlkioWeight", GoType::Int("uint16")),
        GoField::new(
            "BlkioWeightDevice",
            "BlkioWeightDevice",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_BLKIO_WEIGHT_DEVICE)),
        ),
        GoField::new(
            "BlkioDeviceReadBps",
            "BlkioDeviceReadBps",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_BLKIO_THROTTLE_DEVICE)),
        ),
        GoField::new(
            "BlkioDeviceWriteBps",
            "BlkioDeviceWriteBps",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_BLKIO_THROTTLE_DEVICE)),
        ),
        GoField::new(
            "BlkioDeviceReadIOps",
            "BlkioDeviceReadIOps",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_BLKIO_THROTTLE_DEVICE)),
        ),
        GoField::new(
            "BlkioDeviceWriteIOps",
            "BlkioDeviceWriteIOps",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_BLKIO_THROTTLE_DEVICE)),
        ),
        GoField::new("CpuPeriod", "CpuPeriod", GoType::Int("uint64")),
        GoField::new("CpuQuota", "CpuQuota", INT64),
        GoField::new(
            "CpuRealtimePeriod",
            "CpuRealtimePeriod",
            GoType::Int("uint64"),
        ),
        GoField::new("CpuRealtimeRuntime", "CpuRealtimeRuntime", INT64),
        GoField::new("CpusetCpus", "CpusetCpus", STRING),
        GoField::new("CpusetMems", "CpusetMems", STRING),
        GoField::new(
            "Devices",
            "Devices",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_DEVICE)),
        ),
        GoField::new("DiskQuota", "DiskQuota", GoType::Int("uint64")),
        GoField::new("KernelMemory", "KernelMemory", INT64),
        GoField::new("MemoryReservation", "MemoryReservation", INT64),
        GoField::new("MemorySwap", "MemorySwap", INT64),
        GoField::new("MemorySwappiness", "MemorySwappiness", INT64),
        GoField::new("OomKillDisable", "OomKillDisable", BOOL),
        GoField::omitempty("Init", "Init", BOOL),
        GoField::new("PidsLimit", "PidsLimit", INT64),
        GoField::new(
            "Ulimits",
            "Ulimits",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_ULIMIT)),
        ),
        GoField::new("CpuCount", "CpuCount", GoType::Int("uint64")),
        GoField::new("CpuPercent", "CpuPercent", GoType::Int("uint64")),
        GoField::new("IOMaximumIOps", "IOMaximumIOps", GoType::Int("uint64")),
        GoField::new(
            "IOMaximumBandwidth",
            "IOMaximumBandwidth",
            GoType::Int("uint64"),
        ),
        GoField::new("CgroupConf", "CgroupConf", STRING_MAP),
    ],
};

/// `define.Address` (libpod/define/container_inspect.go).
pub const DEFINE_ADDRESS: GoStruct = GoStruct {
    name: "define.Address",
    fields: &[
        GoField::new("Addr", "Addr", STRING),
        GoField::new("PrefixLength", "PrefixLength", INT),
    ],
};

/// `define.InspectAdditionalNetwork` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_ADDITIONAL_NETWORK: GoStruct = GoStruct {
    name: "define.InspectAdditionalNetwork",
    fields: &[
        GoField::new("EndpointID", "EndpointID", STRING),
        GoField::new("Gateway", "Gateway", STRING),
        GoField::new("IPAddress", "IPAddress", STRING),
        GoField::new("IPPrefixLen", "IPPrefixLen", INT),
        GoField::omitempty(
            "SecondaryIPAddresses",
            "SecondaryIPAddresses",
            GoType::Slice(&GoType::Struct(&DEFINE_ADDRESS)),
        ),
        GoField::new("IPv6Gateway", "IPv6Gateway", STRING),
        GoField::new("GlobalIPv6Address", "GlobalIPv6Address", STRING),
        GoField::new("GlobalIPv6PrefixLen", "GlobalIPv6PrefixLen", INT),
        GoField::omitempty(
            "SecondaryIPv6Addresses",
            "SecondaryIPv6Addresses",
            GoType::Slice(&GoType::Struct(&DEFINE_ADDRESS)),
        ),
        GoField::new("MacAddress", "MacAddress", STRING),
        GoField::omitempty("AdditionalMacAddresses", "AdditionalMACAddresses", STRINGS),
        GoField::omitempty("NetworkID", "NetworkID", STRING),
        GoField::new("DriverOpts", "DriverOpts", STRING_MAP),
        GoField::new("IPAMConfig", "IPAMConfig", STRING_MAP),
        GoField::new("Links", "Links", STRINGS),
        GoField::omitempty("Aliases", "Aliases", STRINGS),
    ],
};

/// `define.InspectNetworkSettings` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_NETWORK_SETTINGS: GoStruct = GoStruct {
    name: "define.InspectNetworkSettings",
    fields: &[
        GoField::new("EndpointID", "EndpointID", STRING),
        GoField::new("Gateway", "Gateway", STRING),
        GoField::new("IPAddress", "IPAddress", STRING),
        GoField::new("IPPrefixLen", "IPPrefixLen", INT),
        GoField::omitempty(
            "SecondaryIPAddresses",
            "SecondaryIPAddresses",
            GoType::Slice(&GoType::Struct(&DEFINE_ADDRESS)),
        ),
        GoField::new("IPv6Gateway", "IPv6Gateway", STRING),
        GoField::new("GlobalIPv6Address", "GlobalIPv6Address", STRING),
        GoField::new("GlobalIPv6PrefixLen", "GlobalIPv6PrefixLen", INT),
        GoField::omitempty(
            "SecondaryIPv6Addresses",
            "SecondaryIPv6Addresses",
            GoType::Slice(&GoType::Struct(&DEFINE_ADDRESS)),
        ),
        GoField::new("MacAddress", "MacAddress", STRING),
        GoField::omitempty("AdditionalMacAddresses", "AdditionalMACAddresses", STRINGS),
        GoField::new("Bridge", "Bridge", STRING),
        GoField::new("SandboxID", "SandboxID", STRING),
        GoField::new("HairpinMode", "HairpinMode", BOOL),
        GoField::new("LinkLocalIPv6Address", "LinkLocalIPv6Address", STRING),
        GoField::new("LinkLocalIPv6PrefixLen", "LinkLocalIPv6PrefixLen", INT),
        GoField::new(
            "Ports",
            "Ports",
            GoType::Map(&GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_HOST_PORT))),
        ),
        GoField::new("SandboxKey", "SandboxKey", STRING),
        GoField::omitempty(
            "Networks",
            "Networks",
            GoType::Map(&GoType::Ptr(&GoType::Struct(
                &DEFINE_INSPECT_ADDITIONAL_NETWORK,
            ))),
        ),
    ],
};

/// `define.InspectContainerData` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_CONTAINER_DATA: GoStruct = GoStruct {
    name: "define.InspectContainerData",
    fields: &[
        GoField::new("ID", "Id", STRING),
        GoField::new("Created", "Created", TIME),
        GoField::new("Path", "Path", STRING),
        GoField::new("Args", "Args", STRINGS),
        GoField::new(
            "State",
            "State",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_CONTAINER_STATE)),
        ),
        GoField::new("Image", "Image", STRING),
        GoField::new("ImageDigest", "ImageDigest", STRING),
        GoField::new("ImageName", "ImageName", STRING),
        GoField::new("Rootfs", "Rootfs", STRING),
        GoField::new("Pod", "Pod", STRING),
        GoField::new("ResolvConfPath", "ResolvConfPath", STRING),
        GoField::new("HostnamePath", "HostnamePath", STRING),
        GoField::new("HostsPath", "HostsPath", STRING),
        GoField::new("StaticDir", "StaticDir", STRING),
        GoField::omitempty("OCIConfigPath", "OCIConfigPath", STRING),
        GoField::omitempty("OCIRuntime", "OCIRuntime", STRING),
        GoField::new("ConmonPidFile", "ConmonPidFile", STRING),
        GoField::new("PidFile", "PidFile", STRING),
        GoField::new("Name", "Name", STRING),
        GoField::new("RestartCount", "RestartCount", GoType::Int("int32")),
        GoField::new("Driver", "Driver", STRING),
        GoField::new("MountLabel", "MountLabel", STRING),
        GoField::new("ProcessLabel", "ProcessLabel", STRING),
        GoField::new("AppArmorProfile", "AppArmorProfile", STRING),
        GoField::new("EffectiveCaps", "EffectiveCaps", STRINGS),
        GoField::new("BoundingCaps", "BoundingCaps", STRINGS),
        GoField::new("ExecIDs", "ExecIDs", STRINGS),
        GoField::new(
            "GraphDriver",
            "GraphDriver",
            GoType::Ptr(&GoType::Struct(&DEFINE_DRIVER_DATA)),
        ),
        GoField::omitempty("SizeRw", "SizeRw", GoType::Ptr(&INT64)),
        GoField::omitempty("SizeRootFs", "SizeRootFs", INT64),
        GoField::new(
            "Mounts",
            "Mounts",
            GoType::Slice(&GoType::Struct(&DEFINE_INSPECT_MOUNT)),
        ),
        GoField::new("Dependencies", "Dependencies", STRINGS),
        GoField::new(
            "NetworkSettings",
            "NetworkSettings",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_NETWORK_SETTINGS)),
        ),
        GoField::new("Namespace", "Namespace", STRING),
        GoField::new("IsInfra", "IsInfra", BOOL),
        GoField::new("IsService", "IsService", BOOL),
        GoField::new(
            "Config",
            "Config",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_CONTAINER_CONFIG)),
        ),
        GoField::new(
            "HostConfig",
            "HostConfig",
            GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_CONTAINER_HOST_CONFIG)),
        ),
    ],
};

/// `define.DriverData` (libpod/define/container_inspect.go).
pub const DEFINE_DRIVER_DATA: GoStruct = GoStruct {
    name: "define.DriverData",
    fields: &[
        GoField::new("Name", "Name", STRING),
        GoField::new("Data", "Data", STRING_MAP),
    ],
};

/// `define.InspectSecret` (libpod/define/container_inspect.go).
pub const DEFINE_INSPECT_SECRET: GoStruct = GoStruct {
    name: "define.InspectSecret",
    fields: &[
        GoField::new("Name", "Name", STRING),
        GoField::new("ID", "ID", STRING),
        GoField::new("UID", "UID", GoType::Int("uint32")),
        GoField::new("GID", "GID", GoType::Int("uint32")),
        GoField::new("Mode", "Mode", GoType::Int("uint32")),
    ],
};

/// `entities.ListContainerNamespaces` (pkg/domain/entities/container_ps.go).
pub const ENTITIES_LIST_CONTAINER_NAMESPACES: GoStruct = GoStruct {
    name: "entities.ListContainerNamespaces",
    fields: &[
        GoField::omitempty("MNT", "Mnt", STRING),
        GoField::omitempty("Cgroup", "Cgroup", STRING),
        GoField::omitempty("IPC", "Ipc", STRING),
        GoField::omitempty("NET", "Net", STRING),
        GoField::omitempty("PIDNS", "Pidns", STRING),
        GoField::omitempty("UTS", "Uts", STRING),
        GoField::omitempty("User", "User", STRING),
    ],
};

/// `images.imageReporter` (cmd/podman/images/list.go): a row of `images`,
/// `entities.ImageSummary` embedded. Its methods `ID`, `Created`, `Size`
/// and `History` hide the summary's fields of those names; `Id`,
/// `IsReadOnly` and `IsDangling` are the summary's own methods.
pub const IMAGES_IMAGE_REPORTER: GoStruct = GoStruct {
    name: "images.imageReporter",
    fields: &[
        GoField::omitempty("Repository", "repository", STRING),
        GoField::omitempty("Tag", "tag", STRING),
        GoField::method_over_field("ID", STRING),
        GoField::new("ParentId", "ParentId", STRING),
        GoField::new("RepoTags", "RepoTags", STRINGS),
        GoField::new("RepoDigests", "RepoDigests", STRINGS),
        GoField::method_over_field("Created", STRING),
        GoField::method_over_field("Size", STRING),
        GoField::new("SharedSize", "SharedSize", INT),
        GoField::new("VirtualSize", "VirtualSize", INT64),
        GoField::new("Labels", "Labels", STRING_MAP),
        GoField::new("Containers", "Containers", INT),
        GoField::omitempty("ReadOnly", "ReadOnly", BOOL),
        GoField::omitempty("Dangling", "Dangling", BOOL),
        GoField::omitempty("Names", "Names", STRINGS),
        GoField::omitempty("Digest", "Digest", STRING),
        GoField::method_over_field("History", STRING),
        GoField::method("CreatedAt", STRING),
        GoField::method("CreatedSince", STRING),
        GoField::method("CreatedTime", STRING),
        GoField::method("Id", STRING),
        GoField::method("IsReadOnly", BOOL),
        GoField::method("IsDangling", BOOL),
    ],
};

/// `images.historyReporter` (cmd/podman/images/history.go): a row of
/// `history`, `entities.ImageHistoryLayer` embedded; `ID`, `Created`,
/// `CreatedBy` and `Size` are methods hiding the layer's fields.
pub const IMAGES_HISTORY_REPORTER: GoStruct = GoStruct {
    name: "images.historyReporter",
    fields: &[
        GoField::method_over_field("ID", STRING),
        GoField::method_over_field("Created", STRING),
        GoField::method_over_field("CreatedBy", STRING),
        GoField::omitempty("Tags", "tags", STRINGS),
        GoField::method_over_field("Size", STRING),
        GoField::omitempty("Comment", "comment", STRING),
        GoField::method("CreatedAt", STRING),
        GoField::method("CreatedSince", STRING),
    ],
};

/// `containers.psReporter` (cmd/podman/containers/ps.go): a row of `ps`,
/// `entities.ListContainer` embedded; its methods hide the fields `ID`,
/// `Command`, `CreatedAt`, `ImageID`, `Names`, `Networks`, `Pod`, `Ports`,
/// `Size`, `State` and `Status` with display strings.
pub const CONTAINERS_PS_REPORTER: GoStruct = GoStruct {
    name: "containers.psReporter",
    fields: &[
        GoField::new("AutoRemove", "AutoRemove", BOOL),
        GoField::method_over_field("Command", STRING),
        GoField::new("Created", "Created", TIME),
        GoField::method_over_field("CreatedAt", STRING),
        GoField::new("Exited", "Exited", BOOL),
        GoField::new("ExitedAt", "ExitedAt", INT64),
        GoField::new("ExitCode", "ExitCode", GoType::Int("int32")),
        GoField::method_over_field("ID", STRING),
        GoField::new("Image", "Image", STRING),
        GoField::method_over_field("ImageID", STRING),
        GoField::new("IsInfra", "IsInfra", BOOL),
        GoField::new("Labels", "Labels", STRING_MAP),
        GoField::new("Mounts", "Mounts", STRINGS),
        GoField::method_over_field("Names", STRING),
        GoField::new(
            "Namespaces",
            "Namespaces",
            GoType::Struct(&ENTITIES_LIST_CONTAINER_NAMESPACES),
        ),
        GoField::method_over_field("Networks", STRING),
        GoField::new("Pid", "Pid", INT),
        GoField::method_over_field("Pod", STRING),
        GoField::new("PodName", "PodName", STRING),
        GoField::method_over_field("Ports", STRING),
        GoField::method_over_field("Size", STRING),
        GoField::new("StartedAt", "StartedAt", INT64),
        GoField::method_over_field("State", STRING),
        GoField::method_over_field("Status", STRING),
        GoField::method("RunningFor", STRING),
        GoField::method("CreatedHuman", STRING),
        GoField::method("Cgroup", STRING),
        GoField::method("IPC", STRING),
        GoField::method("MNT", STRING),
        GoField::method("NET", STRING),
        GoField::method("PIDNS", STRING),
        GoField::method("User", STRING),
        GoField::method("UTS", STRING),
        GoField::method("CGROUPNS", STRING),
        GoField::method("USERNS", STRING),
    ],
};
