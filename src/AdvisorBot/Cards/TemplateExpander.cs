using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>A template that cannot be expanded with the data given; names the template path and the binding.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message) : base(message) { }

    public TemplateException() { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// Expands Adaptive Card templates (the Adaptive Cards Templating language, the subset the cards/ templates use) with
/// the semantics of <c>adaptivecards-templating</c>: a string that is exactly one <c>${…}</c> keeps the JSON type of
/// its value; <c>$data</c> on an element scopes it, and an array repeats it (an empty array removes it);
/// <c>$when</c> keeps the element only when it is <c>true</c>; <c>$root</c>, <c>$data</c> and <c>$index</c> work as
/// there. Stricter than the JS library where it is sloppy: a binding to a missing property, a non-boolean
/// <c>$when</c>, or null inside text is an error naming the template path, never literal <c>${x}</c> in a card.
/// Expressions: property paths (<c>a.b</c>, <c>a[0]</c>), literals, <c>! &amp;&amp; || == != &lt; &lt;= &gt; &gt;=</c>, and the
/// functions <c>count</c>, <c>empty</c>, <c>exists</c>, <c>not</c>, <c>if</c>, <c>string</c>, <c>concat</c>.
/// </summary>
public static class TemplateExpander
{
    public static JsonObject Expand(JsonObject template, JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(template);
        var scope = new Scope(data, data, 0);
        var result = ExpandNode(template, scope, "$");
        return result.Count == 1 && result[0] is JsonObject card
            ? card
            : throw new TemplateException("The template's root must expand to exactly one object.");
    }

    private sealed record Scope(JsonNode? Root, JsonNode? Data, int Index);

    private static List<JsonNode?> ExpandNode(JsonNode? node, Scope scope, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                return ExpandObject(obj, scope, path);
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in ExpandNode(array[i], scope, $"{path}[{i}]"))
                    {
                        items.Add(item);
                    }
                }

                return [items];
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return [ExpandString(value.GetValue<string>(), scope, path)];
            default:
                return [node?.DeepClone()];
        }
    }

    private static List<JsonNode?> ExpandObject(JsonObject obj, Scope scope, string path)
    {
        if (obj.TryGetPropertyValue("$data", out var dataBinding))
        {
            var bound = dataBinding is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? ExpandString(v.GetValue<string>(), scope, path + ".$data")
                : dataBinding?.DeepClone();
            if (bound is JsonArray repeated)
            {
                var copies = new List<JsonNode?>();
                for (var i = 0; i < repeated.Count; i++)
                {
                    copies.AddRange(ExpandScoped(obj, scope with { Data = repeated[i], Index = i }, $"{path}[{i}]"));
                }

                return copies;
            }

            return ExpandScoped(obj, scope with { Data = bound }, path);
        }

        return ExpandScoped(obj, scope, path);
    }

    private static List<JsonNode?> ExpandScoped(JsonObject obj, Scope scope, string path)
    {
        if (obj.TryGetPropertyValue("$when", out var when))
        {
            var condition = when is JsonValue w && w.GetValueKind() == JsonValueKind.String
                ? ExpandString(w.GetValue<string>(), scope, path + ".$when")
                : throw new TemplateException($"{path}.$when must be a ${{…}} expression.");
            if (condition is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new TemplateException($"{path}.$when must give true or false, not {condition?.ToJsonString() ?? "null"}.");
            }

            if (!b.GetValue<bool>())
            {
                return [];
            }
        }

        var result = new JsonObject();
        foreach (var (name, child) in obj)
        {
            if (name is "$data" or "$when")
            {
                continue;
            }

            var expanded = ExpandNode(child, scope, $"{path}.{name}");
            if (expanded.Count == 1)
            {
                result[name] = expanded[0];
            }
            else if (expanded.Count > 1)
            {
                throw new TemplateException($"{path}.{name}: a repeated element must stand in an array.");
            }
        }

        return [result];
    }

    private static JsonNode? ExpandString(string text, Scope scope, string path)
    {
        var bindings = FindBindings(text);
        if (bindings.Count == 0)
        {
            return JsonValue.Create(text.Replace("\\${", "${", StringComparison.Ordinal));
        }

        if (bindings.Count == 1 && bindings[0].Start == 0 && bindings[0].End == text.Length)
        {
            return Evaluate(bindings[0].Expression, scope, path)?.DeepClone();
        }

        var builder = new StringBuilder();
        var at = 0;
        foreach (var (start, end, expression) in bindings)
        {
            builder.Append(text, at, start - at);
            builder.Append(AsText(Evaluate(expression, scope, path), expression, path));
            at = end;
        }

        builder.Append(text, at, text.Length - at);
        return JsonValue.Create(builder.ToString().Replace("\\${", "${", StringComparison.Ordinal));
    }

    private static string AsText(JsonNode? value, string expression, string path) => value switch
    {
        null => throw new TemplateException($"{path}: '${{{expression}}}' is null inside text."),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => ToDecimal(v).ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        _ => throw new TemplateException($"{path}: '${{{expression}}}' is an object or array inside text."),
    };

    private static List<(int Start, int End, string Expression)> FindBindings(string text)
    {
        var found = new List<(int, int, string)>();
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '$' || text[i + 1] != '{' || (i > 0 && text[i - 1] == '\\'))
            {
                continue;
            }

            var depth = 0;
            char? quote = null;
            for (var j = i + 1; j < text.Length; j++)
            {
                var c = text[j];
                if (quote is not null)
                {
                    if (c == quote)
                    {
                        quote = null;
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    found.Add((i, j + 1, text[(i + 2)..j].Trim()));
                    i = j;
                    break;
                }
            }
        }

        return found;
    }

    private static JsonNode? Evaluate(string expression, Scope scope, string path)
    {
        try
        {
            var parser = new Parser(expression, scope);
            var value = parser.ParseExpression();
            parser.ExpectEnd();
            return value;
        }
        catch (TemplateException ex)
        {
            throw new TemplateException($"{path}: '${{{expression}}}': {ex.Message}");
        }
    }

    /// <summary>Any JSON number as decimal, whether it came from parsed JSON or from a CLR int, long, double or decimal.</summary>
    private static decimal ToDecimal(JsonValue value) =>
        value.TryGetValue<decimal>(out var d) ? d
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<double>(out var x) ? (decimal)x
        : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A recursive-descent evaluator for the expression subset; evaluates while it parses.</summary>
    private sealed class Parser(string text, Scope scope)
    {
        private int _at;

        public void ExpectEnd()
        {
            SkipSpace();
            if (_at < text.Length)
            {
                throw new TemplateException($"unexpected '{text[_at..]}'");
            }
        }

        public JsonNode? ParseExpression() => ParseOr();

        private JsonNode? ParseOr()
        {
            var left = ParseAnd();
            while (Take("||"))
            {
                var right = ParseAnd();
                left = Bool(Truthy(left) || Truthy(right));
            }

            return left;
        }

        private JsonNode? ParseAnd()
        {
            var left = ParseEquality();
            while (Take("&&"))
            {
                var right = ParseEquality();
                left = Bool(Truthy(left) && Truthy(right));
            }

            return left;
        }

        private JsonNode? ParseEquality()
        {
            var left = ParseRelational();
            while (true)
            {
                if (Take("=="))
                {
                    left = Bool(JsonNode.DeepEquals(left, ParseRelational()));
                }
                else if (Take("!="))
                {
                    left = Bool(!JsonNode.DeepEquals(left, ParseRelational()));
                }
                else
                {
                    return left;
                }
            }
        }

        private JsonNode? ParseRelational()
        {
            var left = ParseUnary();
            while (true)
            {
                string? op = Take("<=") ? "<=" : Take(">=") ? ">=" : Take("<") ? "<" : Take(">") ? ">" : null;
                if (op is null)
                {
                    return left;
                }

                var a = Number(left);
                var b = Number(ParseUnary());
                left = Bool(op switch { "<=" => a <= b, ">=" => a >= b, "<" => a < b, _ => a > b });
            }
        }

        private JsonNode? ParseUnary() => Take("!") ? Bool(!Truthy(ParseUnary())) : ParsePrimary();

        private JsonNode? ParsePrimary()
        {
            SkipSpace();
            if (Take("("))
            {
                var inner = ParseExpression();
                Expect(")");
                return inner;
            }

            if (_at < text.Length && text[_at] is '\'' or '"')
            {
                var quote = text[_at++];
                var end = text.IndexOf(quote, _at);
                if (end < 0)
                {
                    throw new TemplateException("unterminated string");
                }

                var literal = text[_at..end];
                _at = end + 1;
                return JsonValue.Create(literal);
            }

            if (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '-'))
            {
                var start = _at++;
                while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }

                return JsonValue.Create(decimal.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }

            var name = Identifier();
            switch (name)
            {
                case "true": return Bool(true);
                case "false": return Bool(false);
                case "null": return null;
            }

            SkipSpace();
            if (_at < text.Length && text[_at] == '(')
            {
                return CallFunction(name);
            }

            return Path(name, strict: true, out _);
        }

        private JsonNode? CallFunction(string name)
        {
            Expect("(");
            if (name == "exists")
            {
                var first = Identifier();
                Path(first, strict: false, out var exists);
                Expect(")");
                return Bool(exists);
            }

            var args = new List<JsonNode?>();
            SkipSpace();
            if (!Take(")"))
            {
                do
                {
                    args.Add(ParseExpression());
                }
                while (Take(","));
                Expect(")");
            }

            return (name, args.Count) switch
            {
                ("count", 1) or ("length", 1) => JsonValue.Create(args[0] switch
                {
                    JsonArray a => a.Count,
                    JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Length,
                    _ => throw new TemplateException($"{name}() needs an array or a string"),
                }),
                ("empty", 1) => Bool(args[0] switch
                {
                    null => true,
                    JsonArray a => a.Count == 0,
                    JsonObject o => o.Count == 0,
                    JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Length == 0,
                    _ => false,
                }),
                ("not", 1) => Bool(!Truthy(args[0])),
                ("if", 3) => Truthy(args[0]) ? args[1] : args[2],
                ("string", 1) => JsonValue.Create(AsText(args[0], "string()", "")),
                ("concat", > 0) => JsonValue.Create(string.Concat(args.Select(a => AsText(a, "concat()", "")))),
                _ => throw new TemplateException($"unknown function {name}() with {args.Count} argument(s)"),
            };
        }

        private JsonNode? Path(string first, bool strict, out bool exists)
        {
            exists = true;
            JsonNode? current = first switch
            {
                "$root" => scope.Root,
                "$data" => scope.Data,
                "$index" => JsonValue.Create(scope.Index),
                _ => Member(scope.Data, first, first, strict, ref exists),
            };
            var walked = first;
            while (true)
            {
                if (Take("."))
                {
                    var name = Identifier();
                    walked += "." + name;
                    current = Member(current, name, walked, strict, ref exists);
                }
                else if (Take("["))
                {
                    SkipSpace();
                    var start = _at;
                    while (_at < text.Length && char.IsDigit(text[_at]))
                    {
                        _at++;
                    }

                    var index = int.Parse(text[start.._at], CultureInfo.InvariantCulture);
                    Expect("]");
                    walked += $"[{index}]";
                    current = current is JsonArray array && index < array.Count ? array[index]
                        : Missing(walked, strict, ref exists);
                }
                else
                {
                    return current;
                }
            }
        }

        private static JsonNode? Member(JsonNode? owner, string name, string walked, bool strict, ref bool exists) =>
            owner is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : Missing(walked, strict, ref exists);

        private static JsonNode? Missing(string walked, bool strict, ref bool exists)
        {
            exists = false;
            return strict ? throw new TemplateException($"property '{walked}' is missing in the data") : null;
        }

        private string Identifier()
        {
            SkipSpace();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '$'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw new TemplateException($"expected a name at '{text[start..]}'");
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }

            // "<" must not take the first char of "<=", "!" not that of "!=".
            if (token is "<" or ">" or "!" && _at + 1 < text.Length && text[_at + 1] == '=')
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
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private static JsonValue Bool(bool value) => JsonValue.Create(value);

        private static bool Truthy(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.True
            || (value is not null && value is not JsonValue && true)
            || (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length > 0)
            || (value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && ToDecimal(n) != 0);

        private static decimal Number(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? ToDecimal(v)
            : throw new TemplateException("a comparison needs numbers");
    }
}
