using PetriDish.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Optimizer.Nao;

/// <summary>
/// NAO's three parts: an LSTM encoder whose L2-normalised outputs, averaged, embed a token sequence;
/// an MLP predicting the (normalised) performance from that embedding; and an LSTM decoder with
/// attention over the encoder outputs that reconstructs the tokens, started from the embedding.
/// </summary>
internal sealed class NaoModel : nn.Module
{
    private const int StartToken = 0;

    // Held for the native calls (see HeldScalars): implicit Scalars can be collected mid-call.
    private static readonly Scalar StartTokenScalar = StartToken.ToScalar();
    private static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    private readonly Embedding _encoderEmbedding;
    private readonly LSTM _encoder;
    private readonly Sequential _predictor;
    private readonly Embedding _decoderEmbedding;
    private readonly LSTM _decoder;
    private readonly Linear _attention;
    private readonly Linear _output;

    public NaoModel(int vocabulary, NaoSettings settings, Device device)
        : base("nao")
    {
        ArgumentNullException.ThrowIfNull(settings);
        _encoderEmbedding = nn.Embedding(vocabulary, settings.EmbeddingSize);
        _encoder = nn.LSTM(settings.EmbeddingSize, settings.HiddenSize, batchFirst: true);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = (long)settings.HiddenSize;
        for (var i = 0; i < settings.PredictorLayers.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, settings.PredictorLayers[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            width = settings.PredictorLayers[i];
        }

        layers.Add(("out", nn.Linear(width, 1)));
        _predictor = nn.Sequential(layers);
        _decoderEmbedding = nn.Embedding(vocabulary, settings.EmbeddingSize);
        _decoder = nn.LSTM(settings.EmbeddingSize, settings.HiddenSize, batchFirst: true);
        _attention = nn.Linear(2L * settings.HiddenSize, settings.HiddenSize);
        _output = nn.Linear(settings.HiddenSize, vocabulary);
        RegisterComponents();
        this.to(device);
    }

    /// <summary>Encoder outputs <c>[B, L, H]</c>, each step L2-normalised.</summary>
    public Tensor EncoderOutputs(Tensor tokens)
    {
        var (outputs, _, _) = _encoder.forward(_encoderEmbedding.forward(tokens));
        return nn.functional.normalize(outputs, p: 2, dim: -1);
    }

    /// <summary>The architecture embedding <c>[B, H]</c>: the normalised mean of the encoder outputs.</summary>
    public static Tensor Embed(Tensor encoderOutputs) => nn.functional.normalize(encoderOutputs.mean([1]), p: 2, dim: -1);

    /// <summary>Predicted performance in (0, 1), <c>[B]</c>.</summary>
    public Tensor Predict(Tensor embedding) => sigmoid(_predictor.forward(embedding)).squeeze(-1);

    /// <summary>Reconstruction logits <c>[B, L, V]</c> with teacher forcing (the decoder sees the true previous token).</summary>
    public Tensor Reconstruct(Tensor encoderOutputs, Tensor embedding, Tensor targets)
    {
        var previous = cat([full([targets.shape[0], 1], StartTokenScalar, dtype: ScalarType.Int64, device: targets.device), targets.narrow(1, 0, targets.shape[1] - 1)], 1);
        var state = (embedding.unsqueeze(0).contiguous(), embedding.unsqueeze(0).contiguous());
        var (outputs, _, _) = _decoder.forward(_decoderEmbedding.forward(previous), state);
        return Attend(outputs, encoderOutputs);
    }

    /// <summary>Greedy decoding under the token form's constraints: every result is a valid token sequence.</summary>
    public long[][] Decode(Tensor encoderOutputs, Tensor embedding, ITokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var batch = encoderOutputs.shape[0];
        var device = encoderOutputs.device;
        var masks = Enumerable.Range(0, form.Length).Select(position =>
        {
            var allowed = zeros(form.VocabularySize, dtype: ScalarType.Bool, device: device);
            allowed.index_put_(tensor(true), tensor(form.AllowedTokens(position).Select(t => (long)t).ToArray(), device: device));
            return allowed;
        }).ToList();
        var state = (embedding.unsqueeze(0).contiguous(), embedding.unsqueeze(0).contiguous());
        var token = full([batch, 1], StartTokenScalar, dtype: ScalarType.Int64, device: device);
        var decoded = new List<Tensor>();
        for (var position = 0; position < form.Length; position++)
        {
            var (output, h, c) = _decoder.forward(_decoderEmbedding.forward(token), state);
            state = (h, c);
            var logits = Attend(output, encoderOutputs).squeeze(1).masked_fill(masks[position].logical_not(), NegativeInfinity);
            token = logits.argmax(-1, keepdim: true);
            decoded.Add(token);
        }

        var result = cat(decoded, 1).cpu();
        return [.. Enumerable.Range(0, (int)batch).Select(b => result[b].data<long>().ToArray())];
    }

    /// <summary>Luong attention: each decoder output looks at the encoder outputs; <c>[B, T, V]</c> logits.</summary>
    private Tensor Attend(Tensor decoderOutputs, Tensor encoderOutputs)
    {
        var weights = softmax(bmm(decoderOutputs, encoderOutputs.transpose(1, 2)), -1);
        var context = bmm(weights, encoderOutputs);
        return _output.forward(tanh(_attention.forward(cat([context, decoderOutputs], -1))));
    }
}
