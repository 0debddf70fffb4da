using OneThing.Fuzz.Harnesses;

// The harness program: scripts/fuzz/run.sh runs `run NAME` under afl-fuzz; replay and the test project run inputs in-process.
return args switch
{
    ["--list"] => List(),
    ["--instrument", var name] => Instrumented(name),
    ["run", var name] => RunUnderAfl(name),
    ["replay", var name, .. var files] => Replay(name, files),
    ["seeds", var outDirectory, var samplesDirectory] => SeedWriter.Write(outDirectory, samplesDirectory),
    _ => Usage(),
};

static int List()
{
    foreach (var name in FuzzTargets.Names)
    {
        Console.WriteLine(name);
    }
    return 0;
}

static int Instrumented(string name)
{
    foreach (var line in FuzzTargets.Create(name).Instrumented)
    {
        Console.WriteLine(line);
    }
    return 0;
}

static int RunUnderAfl(string name)
{
    _ = FuzzTargets.Names.Contains(name) ? name : throw new ArgumentException($"unknown harness '{name}'");
    // Made on the first input, not before: instrumented code must not run until SharpFuzz has mapped AFL++'s
    // coverage memory (a harness's set-up, e.g. the verifier's options, is instrumented code).
    IFuzzTarget? target = null;
    // Out of process: a stack overflow or a crash of native code ends the child, and AFL++ still hears of it.
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        target ??= FuzzTargets.Create(name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

static int Replay(string name, string[] files)
{
    var target = FuzzTargets.Create(name);
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
            Console.WriteLine($"ok      {file}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"FAILED  {file}: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
        }
    }
    return failed == 0 ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: OneThing.Fuzz.Harnesses --list | --instrument NAME | run NAME | replay NAME FILE... | seeds OUT-DIR SAMPLES-DIR");
    return 2;
}
