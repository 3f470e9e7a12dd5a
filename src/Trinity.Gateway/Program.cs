using System.Globalization;
using Trinity.Gateway;

// ICU is on (tokenizer normalization), so the process culture would follow the host's locale; messages and numbers
// on the wire must not.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrinityGateway();

var app = builder.Build();
app.MapTrinityGateway();
app.Run();

/// <summary>Entry point type, visible to integration tests that host the gateway in-process.</summary>
public partial class Program;
