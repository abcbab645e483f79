using PetriDish.Sdk;
using System.Globalization;
using PetriDish.Abstractions;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

/// <summary>
/// One Petri dish: the shared initial motif-network weights θ_init, the learned synthetic training and
/// validation inputs (initialised equal), the fixed random binary labels, and the calibration that maps
/// a motif's validation loss in the dish to a standardised score.
/// </summary>
internal sealed class SyntheticDish : IDisposable
{
    private readonly long[][] _shapes;

    private SyntheticDish(long[][] shapes, Tensor thetaInit, Parameter xTrain, Parameter xValid, Tensor labels)
    {
        _shapes = shapes;
        Layout = new FlatParameters(shapes);
        ThetaInit = thetaInit;
        XTrain = xTrain;
        XValid = xValid;
        Labels = labels;
    }

    public FlatParameters Layout { get; }

    /// <summary>θ_init, flat <c>[P]</c>.</summary>
    public Tensor ThetaInit { get; }

    /// <summary>Synthetic training inputs <c>[S, …sample]</c>.</summary>
    public Parameter XTrain { get; }

    /// <summary>Synthetic validation inputs <c>[S, …sample]</c>.</summary>
    public Parameter XValid { get; }

    /// <summary>Fixed random binary labels <c>[S, out]</c>, shared by both sets and never learned.</summary>
    public Tensor Labels { get; }

    /// <summary>Mean of the training motifs' validation losses after the fit.</summary>
    public double LossMean { get; set; }

    /// <summary>Standard deviation of the training motifs' validation losses after the fit.</summary>
    public double LossStd { get; set; } = 1;

    public static SyntheticDish Create(IMotifNetworkFactory factory, MotifNetworkOptions options, int samples, int seed, Device device, ScalarType dtype)
    {
        using var generator = new Generator((ulong)seed, device);
        var template = factory.CreateInitialParameters(options, generator, device, dtype);
        var theta = HeldTensors.Build(() => FlatParameters.Flatten(template));
        var shapes = template.Select(t => t.shape).ToArray();
        foreach (var t in template)
        {
            t.Dispose();
        }

        var x = randn([samples, .. options.SampleShape], dtype: dtype, device: device, generator: generator);
        var labels = HeldTensors.Build(() => randint(0, 2, [samples, options.OutputSize], generator: generator, device: device).to(dtype));
        // Initialised equal: the paper found it helps the outer loop early on; the two sets diverge as they learn.
        return new SyntheticDish(shapes, theta, HeldTensors.Build(() => new Parameter(x.clone())), HeldTensors.Build(() => new Parameter(x)), labels);
    }

    /// <summary>The per-motif validation losses of <paramref name="network"/> trained in this dish.</summary>
    public Tensor ValidationLosses(IMotifNetwork network, InnerLoop inner, bool differentiable) =>
        inner.Run(network, Layout, ThetaInit, XTrain, XValid, Labels, differentiable).ValidationLoss;

    /// <summary>Standardised scores (higher is better) from validation losses, with this dish's calibration.</summary>
    public double[] Scores(Tensor validationLosses, double divergedScore)
    {
        var losses = validationLosses.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
        return [.. losses.Select(l => double.IsFinite(l) ? -(l - LossMean) / LossStd : divergedScore)];
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_shapes.Length);
        foreach (var shape in _shapes)
        {
            WriteShape(writer, shape);
        }

        WriteTensor(writer, ThetaInit);
        WriteTensor(writer, XTrain);
        WriteTensor(writer, XValid);
        WriteTensor(writer, Labels);
        writer.Write(LossMean);
        writer.Write(LossStd);
    }

    public static SyntheticDish Load(BinaryReader reader, Device device, ScalarType dtype)
    {
        var shapes = Enumerable.Range(0, reader.ReadInt32()).Select(_ => ReadShape(reader)).ToArray();
        var theta = ReadTensor(reader, device, dtype);
        var xTrain = ReadTensor(reader, device, dtype);
        var xValid = ReadTensor(reader, device, dtype);
        var labels = ReadTensor(reader, device, dtype);
        return new SyntheticDish(shapes, theta, HeldTensors.Build(() => new Parameter(xTrain)), HeldTensors.Build(() => new Parameter(xValid)), labels)
        {
            LossMean = reader.ReadDouble(),
            LossStd = reader.ReadDouble(),
        };
    }

    /// <summary>Checks that a loaded dish fits the motif-networks it will be used with.</summary>
    public void EnsureCompatible(IMotifNetworkFactory factory, MotifNetworkOptions options, int samples, string origin)
    {
        using var generator = new Generator(0);
        var expected = factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float32);
        var expectedShapes = expected.Select(t => t.shape).ToArray();
        foreach (var t in expected)
        {
            t.Dispose();
        }

        long[] sample = [samples, .. options.SampleShape];
        if (!expectedShapes.Select(Describe).SequenceEqual(_shapes.Select(Describe)) || !XTrain.shape.SequenceEqual(sample))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{origin}: the saved Petri dish has motif-network parameters [{string.Join("; ", _shapes.Select(Describe))}] and samples [{Describe(XTrain.shape)}], but these settings need [{string.Join("; ", expectedShapes.Select(Describe))}] and [{Describe(sample)}]"));
        }
    }

    public void Dispose()
    {
        ThetaInit.Dispose();
        XTrain.Dispose();
        XValid.Dispose();
        Labels.Dispose();
    }

    private static string Describe(long[] shape) => string.Join('×', shape);

    private static void WriteShape(BinaryWriter writer, long[] shape)
    {
        writer.Write(shape.Length);
        Array.ForEach(shape, writer.Write);
    }

    private static long[] ReadShape(BinaryReader reader) => [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt64())];

    private static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        WriteShape(writer, tensor.shape);
        foreach (var value in tensor.detach().to(ScalarType.Float64).cpu().contiguous().data<double>())
        {
            writer.Write(value);
        }
    }

    private static Tensor ReadTensor(BinaryReader reader, Device device, ScalarType dtype)
    {
        var shape = ReadShape(reader);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return HeldTensors.Build(() => tensor(values, shape, dtype: ScalarType.Float64).to(dtype, device));
    }
}
