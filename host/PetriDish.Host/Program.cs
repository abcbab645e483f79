using PetriDish.Host.Cli;
using PetriDish.Host.Torch;

TorchRuntime.PrepareEnvironment();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops the work cleanly (stored results stay); a second one kills the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};
return await PetriDishCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, cancellation.Token);
