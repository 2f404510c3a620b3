// Placeholder so the Silo builds; the composition root (grain runtime, Edge, Gateway) comes later.
var builder = WebApplication.CreateBuilder(args);
builder.Build().Run();
