namespace Trinity.Contracts;

/// <summary>The error's detail.</summary>
public sealed record EngineErrorDetail(string Message, string Type, string? Code = null);
