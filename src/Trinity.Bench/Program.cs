Console.Error.WriteLine("usage: Trinity.Bench engine|vector|sched|serve ...");
return 2;
