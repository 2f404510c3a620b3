namespace CameraCloud.Silo.Runtime;

/// <summary>One <c>AddGrain&lt;TInterface, TGrain&gt;()</c>: which class serves which contract.</summary>
internal sealed record GrainRegistration(Type Interface, Type GrainClass);
