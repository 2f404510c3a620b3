namespace CameraCloud.Silo.Tests.Runtime.Grains;

public interface IThrowingDeactivationGrain : IFaultyLifecycleGrain;
