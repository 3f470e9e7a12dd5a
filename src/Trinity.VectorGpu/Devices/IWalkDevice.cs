namespace Trinity.VectorGpu.Devices;

/// <summary>
/// A device that also advances graph walks (beam searches whose state lives in the query). Kept apart from
/// <see cref="IVectorDevice"/> so devices that only scan slices need not change: the pool advances the walks of
/// such a device on the calling thread (<see cref="WalkRunner"/>).
/// </summary>
internal interface IWalkDevice
{
    /// <summary>Advances every walk by up to its steps; the caller holds the locks of every collection involved.</summary>
    void Advance(IReadOnlyList<WalkWork> work);
}
