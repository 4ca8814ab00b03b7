using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>Bindings as closures: text scanning, evaluation and the expression parser (operators and paths).</summary>
public static partial class TemplateExpander
{
    private static JsonNode? Evaluate(Expression expression, Scope scope, string path, string source)
    {
        try
        {
            return expression(scope);
        }
        catch (TemplateException ex)
        {
            throw new TemplateException($"{path}: '${{{source}}}': {ex.Message}");
        }
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
            if (text[i] == '$' && text[i + 1] == '{' && (i == 0 || text[i - 1] != '\\') && BindingEnd(text, i) is { } end)
            {
                found.Add((i, end, text[(i + 2)..(end - 1)].Trim()));
                i = end - 1;
            }
        }

        return found;
    }

    /// <summary>Where the binding that starts at <paramref name="start"/> ("${") ends (after its "}"), skipping quoted text and nested braces.</summary>
    private static int? BindingEnd(string text, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var j = start + 1; j < text.Length; j++)
        {
            var c = text[j];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
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
                return j + 1;
            }
        }

        return null;
    }

    /// <summary>Any JSON number as decimal, whether it came from parsed JSON or from a CLR int, long, double or decimal.</summary>
    private static decimal ToDecimal(JsonValue value) =>
        value.TryGetValue<decimal>(out var d) ? d
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<double>(out var x) ? (decimal)x
        : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A recursive-descent compiler for the expression subset: text in, a closure over a scope out.</summary>
    private sealed partial class Parser
    {
        private readonly string _text;
        private int _at;

        private Parser(string text) => _text = text;

        public static Expression Compile(string text, string path)
        {
            try
            {
                var parser = new Parser(text);
                var expression = parser.ParseOr();
                parser.SkipSpace();
                if (parser._at < text.Length)
                {
                    throw new TemplateException($"unexpected '{text[parser._at..]}'");
                }

                return expression;
            }
            catch (TemplateException ex)
            {
                throw new TemplateException($"{path}: '${{{text}}}': {ex.Message}");
            }
        }

        private Expression ParseOr()
        {
            var left = ParseAnd();
            while (Take("||"))
            {
                var (l, r) = (left, ParseAnd());
                left = s => Bool(Truthy(l(s)) || Truthy(r(s)));
            }

            return left;
        }

        private Expression ParseAnd()
        {
            var left = ParseEquality();
            while (Take("&&"))
            {
                var (l, r) = (left, ParseEquality());
                left = s => Bool(Truthy(l(s)) && Truthy(r(s)));
            }

            return left;
        }

        private Expression ParseEquality()
        {
            var left = ParseRelational();
            while (true)
            {
                var equal = Take("==");
                if (!equal && !Take("!="))
                {
                    return left;
                }

                var (l, r) = (left, ParseRelational());
                left = equal ? s => Bool(JsonNode.DeepEquals(l(s), r(s))) : s => Bool(!JsonNode.DeepEquals(l(s), r(s)));
            }
        }

        private Expression ParseRelational()
        {
            var left = ParseUnary();
            while (true)
            {
                string? op = Take("<=") ? "<=" : Take(">=") ? ">=" : Take("<") ? "<" : Take(">") ? ">" : null;
                if (op is null)
                {
                    return left;
                }

                var (l, r) = (left, ParseUnary());
                left = op switch
                {
                    "<=" => s => Bool(Number(l(s)) <= Number(r(s))),
                    ">=" => s => Bool(Number(l(s)) >= Number(r(s))),
                    "<" => s => Bool(Number(l(s)) < Number(r(s))),
                    _ => s => Bool(Number(l(s)) > Number(r(s))),
                };
            }
        }

        private Expression ParseUnary()
        {
            if (Take("!"))
            {
                var operand = ParseUnary();
                return s => Bool(!Truthy(operand(s)));
            }

            return ParsePrimary();
        }

        private Expression ParsePrimary()
        {
            SkipSpace();
            if (Take("("))
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (ParseLiteral() is { } literal)
            {
                return literal;
            }

            var name = Identifier();
            switch (name)
            {
                case "true": return _ => Bool(true);
                case "false": return _ => Bool(false);
                case "null": return _ => null;
            }

            SkipSpace();
            if (_at < _text.Length && _text[_at] == '(')
            {
                return CallFunction(name);
            }

            var path = ParsePath(name);
            return s => Resolve(path, s, strict: true, out _);
        }

        /// <summary>A quoted string or a number, or null when the text has neither here.</summary>
        private Expression? ParseLiteral()
        {
            if (_at < _text.Length && _text[_at] is '\'' or '"')
            {
                var quote = _text[_at++];
                var end = _text.IndexOf(quote, _at);
                if (end < 0)
                {
                    throw new TemplateException("unterminated string");
                }

                var literal = _text[_at..end];
                _at = end + 1;
                return _ => JsonValue.Create(literal);
            }

            if (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '-'))
            {
                var start = _at++;
                while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '.'))
                {
                    _at++;
                }

                var number = decimal.Parse(_text[start.._at], CultureInfo.InvariantCulture);
                return _ => JsonValue.Create(number);
            }

            return null;
        }
    }
}
