namespace Trinity.Gateway.Errors;

/// <summary>What went wrong with a request, independent of the protocol that reports it; the HTTP boundary turns a
/// kind into a status code and an error type (<see cref="ErrorKinds"/>).</summary>
public enum ErrorKind
{
    /// <summary>The request itself is wrong (a field out of range, a prompt too long).</summary>
    InvalidRequest,

    /// <summary>The caller is not allowed in (missing or wrong API key).</summary>
    Unauthorized,

    /// <summary>Authenticated, but not allowed to do this (403): writing to a collection another tenant shares read-only.</summary>
    Forbidden,

    /// <summary>Something the request names does not exist (a model, a collection, a job).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (a collection that already exists).</summary>
    Conflict,

    /// <summary>The request body is over the size limit.</summary>
    TooLarge,

    /// <summary>The request body is not in a format the endpoint reads.</summary>
    UnsupportedMediaType,

    /// <summary>Refused for load before any work started; the caller should retry later.</summary>
    RateLimited,

    /// <summary>Accepted, but no capacity became free in time; the caller should retry later.</summary>
    Overloaded,

    /// <summary>A stage did not finish within its time limit.</summary>
    Timeout,

    /// <summary>A component the request needs is not available.</summary>
    Unavailable,

    /// <summary>A component failed while working on the request.</summary>
    Internal,
}
