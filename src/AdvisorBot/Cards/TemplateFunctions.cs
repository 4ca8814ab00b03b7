using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>The template functions, and resolving paths in the data.</summary>
public static partial class TemplateExpander
{
    private sealed partial class Parser
    {
        private Expression CallFunction(string name)
        {
            Expect("(");
            if (name == "exists")
            {
                var path = ParsePath(Identifier());
                Expect(")");
                return s =>
                {
                    Resolve(path, s, strict: false, out var exists);
                    return Bool(exists);
                };
            }

            return Function(name, ParseArguments());
        }

        /// <summary>The arguments of a call, after its "(" and up to its ")".</summary>
        private Expression[] ParseArguments()
        {
            var args = new List<Expression>();
            SkipSpace();
            if (!Take(")"))
            {
                do
                {
                    args.Add(ParseOr());
                }
                while (Take(","));
                Expect(")");
            }

            return [.. args];
        }

        private static Expression Function(string name, Expression[] a)
        {
            return (name, a.Length) switch
            {
                ("count", 1) or ("length", 1) => s => JsonValue.Create(a[0](s) switch
                {
                    JsonArray array => array.Count,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length,
                    _ => throw new TemplateException($"{name}() needs an array or a string"),
                }),
                ("empty", 1) => s => Bool(a[0](s) switch
                {
                    null => true,
                    JsonArray array => array.Count == 0,
                    JsonObject obj => obj.Count == 0,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
                    _ => false,
                }),
                ("not", 1) => s => Bool(!Truthy(a[0](s))),
                ("if", 3) => s => Truthy(a[0](s)) ? a[1](s) : a[2](s),
                ("string", 1) => s => JsonValue.Create(AsText(a[0](s), "string()", "")),
                ("concat", > 0) => s => JsonValue.Create(string.Concat(a.Select(x => AsText(x(s), "concat()", "")))),
                _ => throw new TemplateException($"unknown function {name}() with {a.Length} argument(s)"),
            };
        }

        /// <summary>A path as its steps: a member name, or an index (Name null).</summary>
        private (string? Name, int Index, string Walked)[] ParsePath(string first)
        {
            var steps = new List<(string?, int, string)> { (first, 0, first) };
            var walked = first;
            while (true)
            {
                if (Take("."))
                {
                    var name = Identifier();
                    walked += "." + name;
                    steps.Add((name, 0, walked));
                }
                else if (Take("["))
                {
                    SkipSpace();
                    var start = _at;
                    while (_at < _text.Length && char.IsDigit(_text[_at]))
                    {
                        _at++;
                    }

                    var index = int.Parse(_text[start.._at], CultureInfo.InvariantCulture);
                    Expect("]");
                    walked += $"[{index}]";
                    steps.Add((null, index, walked));
                }
                else
                {
                    return [.. steps];
                }
            }
        }

        private static JsonNode? Resolve((string? Name, int Index, string Walked)[] steps, Scope scope, bool strict, out bool exists)
        {
            exists = true;
            JsonNode? current = steps[0].Name switch
            {
                "$root" => scope.Root,
                "$data" => scope.Data,
                "$index" => JsonValue.Create(scope.Index),
                _ => scope.Data is JsonObject data && data.TryGetPropertyValue(steps[0].Name!, out var first) ? first : Missing(steps[0].Walked, strict, ref exists),
            };
            for (var i = 1; i < steps.Length && exists; i++)
            {
                var (name, index, walked) = steps[i];
                current = name is not null
                    ? current is JsonObject obj && obj.TryGetPropertyValue(name, out var member) ? member : Missing(walked, strict, ref exists)
                    : current is JsonArray array && index < array.Count ? array[index] : Missing(walked, strict, ref exists);
            }

            return current;
        }

        private static JsonNode? Missing(string walked, bool strict, ref bool exists)
        {
            exists = false;
            return strict ? throw new TemplateException($"property '{walked}' is missing in the data") : null;
        }

        private string Identifier()
        {
            SkipSpace();
            var start = _at;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '$'))
            {
                _at++;
            }

            return _at > start ? _text[start.._at] : throw new TemplateException($"expected a name at '{_text[start..]}'");
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }

            // "<" must not take the first char of "<=", "!" not that of "!=".
            if (token is "<" or ">" or "!" && _at + 1 < _text.Length && _text[_at + 1] == '=')
            {
                return false;
            }

            _at += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!Take(token))
            {
                throw new TemplateException($"expected '{token}'");
            }
        }

        private void SkipSpace()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
        }

        private static JsonValue Bool(bool value) => JsonValue.Create(value);

        private static bool Truthy(JsonNode? value) => value switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.False or JsonValueKind.Null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => ToDecimal(v) != 0,
            _ => true,
        };

        private static decimal Number(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? ToDecimal(v)
            : throw new TemplateException("a comparison needs numbers");
    }
}
