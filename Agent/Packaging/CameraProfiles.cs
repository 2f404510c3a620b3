namespace CameraCloud.Agent.Packaging;

/// <summary>The camera profiles <c>package --profile</c> knows.</summary>
public static class CameraProfiles
{
    public static IReadOnlyList<CameraProfile> All { get; } =
    [
        new("dahua-2449s-il", "Dahua 2449S-IL (4 MP, RTSP on 554, web UI on 80)",
        [
            new ProfileTarget("rtsp", 554, "/cam/realmonitor?channel=1&subtype=0"),
            new ProfileTarget("http", 80),
        ]),
        new("generic", "any camera with RTSP on 554",
        [
            new ProfileTarget("rtsp", 554, "/"),
        ]),
    ];

    public static CameraProfile? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
