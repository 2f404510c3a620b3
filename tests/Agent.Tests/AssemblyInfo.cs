// The agent runs on Linux cameras; its tests check Unix file modes and run sh.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
