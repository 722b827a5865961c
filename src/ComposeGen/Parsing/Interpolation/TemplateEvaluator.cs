using System.Collections.Generic;
using System.Text;

namespace ComposeGen.Parsing.Interpolation;

/// <summary>Where variable values come from during evaluation (shell environment, then .env, ...).</summary>
public interface IVariableSource
{
    bool TryGetValue(string name, out string value);
}

public sealed class DictionaryVariableSource : IVariableSource
{
    public static readonly DictionaryVariableSource Empty = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _values;

    public DictionaryVariableSource(IReadOnlyDictionary<string, string> values) => _values = values;

    public bool TryGetValue(string name, out string value)
    {
        if (_values.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        value = "";
        return false;
    }
}

/// <summary>Sources asked in order; the first that has the variable wins.</summary>
public sealed class LayeredVariableSource : IVariableSource
{
    private readonly IVariableSource[] _layers;

    public LayeredVariableSource(params IVariableSource[] layers) => _layers = layers;

    public bool TryGetValue(string name, out string value)
    {
        foreach (var layer in _layers)
        {
            if (layer.TryGetValue(name, out value))
                return true;
        }

        value = "";
        return false;
    }
}

/// <summary>
/// The value of a template, the variables that were unset with no default (docker compose warns and
/// uses ""), and the <c>:?</c> / <c>?</c> message if one fired (docker compose refuses the file).
/// </summary>
public readonly record struct EvaluationResult(string Value, IReadOnlyList<string> MissingVariables, string? RequiredError);

public static class TemplateEvaluator
{
    private static readonly string[] NoneMissing = System.Array.Empty<string>();

    public static EvaluationResult Evaluate(Template template, IVariableSource variables)
    {
        if (template.IsLiteral)
            return new EvaluationResult(template.LiteralText, NoneMissing, null);

        var missing = new List<string>();
        string? error = null;
        var value = Evaluate(template, variables, missing, ref error);
        return new EvaluationResult(value, missing.Count == 0 ? NoneMissing : missing, error);
    }

    private static string Evaluate(Template template, IVariableSource variables, List<string> missing, ref string? error)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            switch (part)
            {
                case LiteralPart literal:
                    text.Append(literal.Text);
                    break;
                case VariablePart variable:
                    text.Append(Resolve(variable, variables, missing, ref error));
                    break;
            }
        }

        return text.ToString();
    }

    private static string Resolve(VariablePart variable, IVariableSource variables, List<string> missing, ref string? error)
    {
        var isSet = variables.TryGetValue(variable.Name, out var value);
        var isSetAndNotEmpty = isSet && value.Length > 0;
        string Argument(ref string? err) => variable.Argument is null ? "" : Evaluate(variable.Argument, variables, missing, ref err);

        switch (variable.Operator)
        {
            case VariableOperator.DefaultIfUnsetOrEmpty:
                return isSetAndNotEmpty ? value : Argument(ref error);
            case VariableOperator.DefaultIfUnset:
                return isSet ? value : Argument(ref error);
            case VariableOperator.AlternativeIfSetAndNotEmpty:
                return isSetAndNotEmpty ? Argument(ref error) : "";
            case VariableOperator.AlternativeIfSet:
                return isSet ? Argument(ref error) : "";
            case VariableOperator.ErrorIfUnsetOrEmpty:
            case VariableOperator.ErrorIfUnset:
                var ok = variable.Operator == VariableOperator.ErrorIfUnset ? isSet : isSetAndNotEmpty;
                if (ok)
                    return value;
                var message = Argument(ref error);
                error ??= message.Length > 0
                    ? $"required variable {variable.Name} is missing a value: {message}"
                    : $"required variable {variable.Name} is missing a value";
                return "";
            default:
                if (!isSet)
                    missing.Add(variable.Name);
                return value;
        }
    }
}
