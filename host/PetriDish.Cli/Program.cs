using PetriDish.Cli;
using PetriDish.Core.Torch;

TorchRuntime.PrepareEnvironment();

// The command's host carries SIGINT, SIGTERM and SIGHUP to the work (ProcessSignalLifetime): finished
// work stored, the resume hint printed, exit 128 + the signal's number.
return await PetriDishCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, handleSignals: true);
