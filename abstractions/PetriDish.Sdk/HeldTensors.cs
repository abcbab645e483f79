using static TorchSharp.torch;

namespace PetriDish.Sdk;

/// <summary>
/// Tensor expressions whose intermediates are held until the expression is done.
/// </summary>
/// <remarks>
/// In a chain such as <c>tensor(data).t().contiguous()</c>, the intermediate <c>t()</c> is referenced
/// only by the call made on it: once its native handle is passed to libtorch, nothing managed keeps it,
/// and a garbage collection during that native call can run its finaliser, which frees the tensor
/// libtorch is reading. Under collections back to back this crashed the test host in
/// <c>THSTensor_contiguous</c> (a null call inside <c>at::native::copy_impl</c>; issue 26). A dispose
/// scope holds every tensor made inside it, so expressions built outside the training loops' own
/// scopes (data preparation, parameter setup, results handed back) go through <see cref="Build"/>.
/// </remarks>
public static class HeldTensors
{
    /// <summary>
    /// Evaluates <paramref name="expression"/> in a dispose scope that holds its intermediates, and
    /// returns its result outside the scope (the caller owns it); the intermediates are freed.
    /// </summary>
    public static T Build<T>(Func<T> expression)
        where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(expression);
        using var scope = NewDisposeScope();
        var result = expression();
        result.MoveToOuterDisposeScope();
        return result;
    }
}
