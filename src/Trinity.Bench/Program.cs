using Trinity.Bench.Simulation;
using Trinity.Bench.Vector;

return args.FirstOrDefault() switch
{
    "vector" => await VectorBenchCommand.RunAsync(args[1..]),
    "sched" => await SchedBenchCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Trinity.Bench engine|vector|sched|serve ...");
    return 2;
}
