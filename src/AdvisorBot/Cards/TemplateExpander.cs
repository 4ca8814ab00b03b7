using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
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
/// functions <c>count</c>, <c>length</c>, <c>empty</c>, <c>exists</c>, <c>not</c>, <c>if</c>, <c>string</c>, <c>concat</c>.
/// A template is compiled once (<see cref="Compile"/>): bindings become closures, so an expansion only evaluates.
/// </summary>
public static class TemplateExpander
{
    /// <summary>Compiles and expands in one go (tests and tools; the renderer keeps compiled templates).</summary>
    public static JsonObject Expand(JsonObject template, JsonNode data) => Compile(template).Expand(data);

    public static CompiledTemplate Compile(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new CompiledTemplate(CompileNode(template, "$"));
    }

    public sealed class CompiledTemplate
    {
        private readonly Node _root;

        internal CompiledTemplate(Node root) => _root = root;

        /// <summary>
        /// Expands the template straight into UTF-8 JSON and hands it back as a lazily read node: serialising it again
        /// writes those bytes, so a card costs one pass of writing instead of a tree of objects.
        /// </summary>
        public JsonObject Expand(JsonNode data)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                var written = _root.Write(new Scope(data, data, 0), writer);
                writer.Flush();
                if (written != 1)
                {
                    throw new TemplateException("The template's root must expand to exactly one object.");
                }
            }

            return JsonNode.Parse(buffer.WrittenSpan) as JsonObject
                ?? throw new TemplateException("The template's root must expand to exactly one object.");
        }
    }

    internal sealed record Scope(JsonNode? Root, JsonNode? Data, int Index);

    internal delegate JsonNode? Expression(Scope scope);

    /// <summary>A compiled piece of template that writes zero or more JSON values.</summary>
    internal abstract class Node
    {
        /// <summary>Writes this piece; returns how many values it wrote (0 when dropped, n when repeated).</summary>
        public abstract int Write(Scope scope, Utf8JsonWriter writer);

        /// <summary>How many values <see cref="Write"/> would write, decided before a property name is written.</summary>
        public virtual int Count(Scope scope) => 1;
    }

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Node CompileNode(JsonNode? node, string path) => node switch
    {
        JsonObject obj => CompileObject(obj, path),
        JsonArray array => new ArrayNode([.. array.Select((item, i) => CompileNode(item, $"{path}[{i}]"))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>(), path),
        _ => new LiteralNode(node),
    };

    private static Node CompileObject(JsonObject obj, string path)
    {
        Node? data = obj.TryGetPropertyValue("$data", out var dataBinding) ? CompileNode(dataBinding, path + ".$data") : null;
        Node? when = null;
        if (obj.TryGetPropertyValue("$when", out var whenBinding))
        {
            when = whenBinding is JsonValue w && w.GetValueKind() == JsonValueKind.String
                ? CompileString(w.GetValue<string>(), path + ".$when")
                : throw new TemplateException($"{path}.$when must be a ${{…}} expression.");
        }

        var properties = obj.Where(kv => kv.Key is not ("$data" or "$when"))
            .Select(kv => (JsonEncodedText.Encode(kv.Key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), kv.Key, CompileNode(kv.Value, $"{path}.{kv.Key}")))
            .ToArray();
        return new ObjectNode(path, data, when, properties);
    }

    private static Node CompileString(string text, string path)
    {
        var bindings = FindBindings(text);
        if (bindings.Count == 0)
        {
            return new LiteralNode(JsonValue.Create(text.Replace("\\${", "${", StringComparison.Ordinal)));
        }

        if (bindings.Count == 1 && bindings[0].Start == 0 && bindings[0].End == text.Length)
        {
            return new BindingNode(path, bindings[0].Expression, Parser.Compile(bindings[0].Expression, path));
        }

        var parts = new List<(string? Literal, string? Source, Expression? Expression)>();
        var at = 0;
        foreach (var (start, end, expression) in bindings)
        {
            parts.Add((text[at..start].Replace("\\${", "${", StringComparison.Ordinal), null, null));
            parts.Add((null, expression, Parser.Compile(expression, path)));
            at = end;
        }

        parts.Add((text[at..].Replace("\\${", "${", StringComparison.Ordinal), null, null));
        return new InterpolationNode(path, [.. parts.Where(p => p.Literal is null || p.Literal.Length > 0)]);
    }

    /// <summary>A literal value, written as it stands in the template.</summary>
    private sealed class LiteralNode(JsonNode? value) : Node
    {
        private readonly byte[] _json = Encoding.UTF8.GetBytes(value?.ToJsonString(LiteralOptions) ?? "null");

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            writer.WriteRawValue(_json, skipInputValidation: true);
            return 1;
        }
    }

    private sealed class ArrayNode(Node[] items) : Node
    {
        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.Write(scope, writer);
            }

            writer.WriteEndArray();
            return 1;
        }
    }

    private sealed class BindingNode(string path, string source, Expression expression) : Node
    {
        public JsonNode? Value(Scope scope) => Evaluate(expression, scope, path, source);

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            var value = Value(scope);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            return 1;
        }
    }

    private sealed class InterpolationNode(string path, (string? Literal, string? Source, Expression? Expression)[] parts) : Node
    {
        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            var builder = new StringBuilder();
            foreach (var (literal, source, expression) in parts)
            {
                builder.Append(literal ?? AsText(Evaluate(expression!, scope, path, source!), source!, path));
            }

            writer.WriteStringValue(builder.ToString());
            return 1;
        }
    }

    private sealed class ObjectNode(string path, Node? data, Node? when, (JsonEncodedText Encoded, string Name, Node Value)[] properties) : Node
    {
        public override int Count(Scope scope)
        {
            if (data is null)
            {
                return Kept(scope, path) ? 1 : 0;
            }

            var bound = Bound(scope);
            return bound is JsonArray repeated
                ? Enumerable.Range(0, repeated.Count).Count(i => Kept(scope with { Data = repeated[i], Index = i }, $"{path}[{i}]"))
                : Kept(scope with { Data = bound }, path) ? 1 : 0;
        }

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            if (data is null)
            {
                return WriteScoped(scope, writer, path);
            }

            var bound = Bound(scope);
            if (bound is JsonArray repeated)
            {
                var written = 0;
                for (var i = 0; i < repeated.Count; i++)
                {
                    written += WriteScoped(scope with { Data = repeated[i], Index = i }, writer, $"{path}[{i}]");
                }

                return written;
            }

            return WriteScoped(scope with { Data = bound }, writer, path);
        }

        private JsonNode? Bound(Scope scope) => data is BindingNode binding
            ? binding.Value(scope)
            : throw new TemplateException($"{path}.$data must be a ${{…}} expression.");

        private bool Kept(Scope scope, string where)
        {
            if (when is null)
            {
                return true;
            }

            var result = when is BindingNode condition ? condition.Value(scope) : null;
            return result is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? b.GetValue<bool>()
                : throw new TemplateException($"{where}.$when must give true or false, not {result?.ToJsonString() ?? "null"}.");
        }

        private int WriteScoped(Scope scope, Utf8JsonWriter writer, string where)
        {
            if (!Kept(scope, where))
            {
                return 0;
            }

            writer.WriteStartObject();
            foreach (var (encoded, name, value) in properties)
            {
                var count = value.Count(scope);
                if (count == 0)
                {
                    continue;
                }

                if (count > 1)
                {
                    throw new TemplateException($"{where}.{name}: a repeated element must stand in an array.");
                }

                writer.WritePropertyName(encoded);
                value.Write(scope, writer);
            }

            writer.WriteEndObject();
            return 1;
        }
    }

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

    /// <summary>Any JSON number as decimal, whether it came from parsed JSON or from a CLR int, long, double or decimal.</summary>
    private static decimal ToDecimal(JsonValue value) =>
        value.TryGetValue<decimal>(out var d) ? d
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<double>(out var x) ? (decimal)x
        : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A recursive-descent compiler for the expression subset: text in, a closure over a scope out.</summary>
    private sealed class Parser
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

            var a = args.ToArray();
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
