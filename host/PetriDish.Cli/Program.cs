using System.Runtime.InteropServices;
using PetriDish.Cli;
using PetriDish.Core.Torch;

TorchRuntime.PrepareEnvironment();
// Not disposed: a signal handler may still run on its own thread while the process ends.
var cancellation = new CancellationTokenSource();
var received = 0;
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops the work cleanly (stored results stay); a second one kills the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        Interlocked.CompareExchange(ref received, 2, 0);
        cancellation.Cancel();
    }
};

// SIGTERM (what Slurm, systemd and docker stop send) and SIGHUP (a closed terminal) end the work
// the same way: finished work stored, the resume hint printed, exit 128 + the signal's number.
PosixSignalRegistration Stop(PosixSignal signal, int number) => PosixSignalRegistration.Create(signal, context =>
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref received, number, 0);
        cancellation.Cancel();
    }
});
using var terminate = Stop(PosixSignal.SIGTERM, 15);
using var hangUp = Stop(PosixSignal.SIGHUP, 1);

var exitCode = await PetriDishCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, cancellation.Token);
return exitCode == ExitCodes.Interrupted && Volatile.Read(ref received) is var signal and > 0 ? 128 + signal : exitCode;
