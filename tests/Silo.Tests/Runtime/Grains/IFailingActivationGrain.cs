namespace CameraCloud.Silo.Tests.Runtime.Grains;

public interface IFailingActivationGrain : IFaultyLifecycleGrain;
