using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;

namespace Trinity.Bench.Hashing;

/// <summary>
/// <c>hash [--sizes-kb 4,1024,4096] [--rounds 7]</c>: time of the checksums Trinity uses, best of the rounds on random
/// bytes: CRC-32C (the vector pool's files), IEEE CRC-32 and XxHash3 (the KV frame), all from System.IO.Hashing.
/// </summary>
internal static class HashBenchCommand
{
    public static Task<int> RunAsync(BenchArguments args)
    {
        var sizes = args.IntList("sizes-kb") ?? [4, 1024, 4096];
        var rounds = args.Int("rounds") ?? 7;
        (string Name, Func<byte[], ulong> Hash)[] algorithms =
        [
            ("crc32c", static data => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data)),
            ("crc32", static data => Crc32.HashToUInt32(data)),
            ("xxhash3", static data => XxHash3.HashToUInt64(data)),
        ];
        Console.WriteLine($"{"bytes",10} {"algorithm",-10} {"us",10} {"GB/s",8}");
        foreach (var kb in sizes)
        {
            var data = new byte[kb * 1024];
            new Random(7).NextBytes(data);
            var repeats = Math.Max(1, (64 << 20) / data.Length);
            var best = new double[algorithms.Length];
            Array.Fill(best, double.MaxValue);
            for (var round = 0; round < rounds; round++)
            {
                // Alternating algorithms within a round keeps a busy machine's noise from favouring one of them.
                for (var a = 0; a < algorithms.Length; a++)
                {
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < repeats; i++)
                    {
                        algorithms[a].Hash(data);
                    }

                    best[a] = Math.Min(best[a], watch.Elapsed.TotalMicroseconds / repeats);
                }
            }

            for (var a = 0; a < algorithms.Length; a++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{data.Length,10} {algorithms[a].Name,-10} {best[a],10:F1} {data.Length / best[a] / 1e3,8:F2}"));
            }
        }

        return Task.FromResult(0);
    }
}
