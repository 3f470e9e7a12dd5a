namespace Trinity.VectorGpu.Devices;

/// <summary>Advances an iteration's walks on the device when it can (<see cref="IWalkDevice"/>), else on the calling thread.</summary>
internal static class WalkRunner
{
    public static void Advance(IVectorDevice device, IReadOnlyList<WalkWork> work)
    {
        if (work.Count == 0)
        {
            return;
        }

        if (device is IWalkDevice walker)
        {
            walker.Advance(work);
            return;
        }

        foreach (var item in work)
        {
            item.Walk.Advance(item.Steps);
        }
    }
}
