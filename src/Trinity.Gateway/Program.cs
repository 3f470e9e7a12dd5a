using Trinity.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrinityGateway();

var app = builder.Build();
app.MapTrinityGateway();
app.Run();

/// <summary>Entry point type, visible to integration tests that host the gateway in-process.</summary>
public partial class Program;
