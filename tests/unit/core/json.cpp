// SPDX-License-Identifier: MIT
// Tests objproc/core/json.hpp: the string writer (escaping, UTF-8) and the strict reader (every
// value kind, escapes and surrogates, malformed input with its offset, depth limit, duplicate
// keys, round trips).
#include "objproc/core/json.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>

using namespace objproc;
using namespace std::string_literals;

namespace {

std::string quoted(std::string_view s) {
  std::string out;
  const auto r = append_json_string(out, s);
  REQUIRE(r.has_value());
  return out;
}

json::value parsed(std::string_view text) {
  INFO(text);
  auto v = json::parse(text);
  INFO((v ? std::string() : to_string(v.error())));
  REQUIRE(v.has_value());
  return *v;
}

void require_error(std::string_view text, errc code, std::size_t offset,
                   json::parse_options options = {}) {
  INFO(text);
  const auto v = json::parse(text, options);
  REQUIRE_FALSE(v.has_value());
  INFO(to_string(v.error()));
  CHECK(v.error().code == code);
  CHECK(v.error().offset == offset);
  CHECK_FALSE(v.error().detail.empty());
}

// A random valid JSON text: every value kind, escapes of every sort, optional whitespace.
class json_generator {
 public:
  explicit json_generator(std::uint32_t seed) : rng_(seed) {}

  std::string text(int depth = 0) {
    std::string out = space();
    value(out, depth);
    out += space();
    return out;
  }

 private:
  std::mt19937 rng_;

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  std::string space() {
    static constexpr std::string_view ws[] = {"", "", "", " ", "\n", "\t ", "\r\n  "};
    return std::string(ws[pick(std::size(ws))]);
  }
  void value(std::string& out, int depth) {
    switch (depth >= 4 ? pick(5) : pick(7)) {
      case 0:
        out += "null";
        break;
      case 1:
        out += pick(2) != 0 ? "true" : "false";
        break;
      case 2:
        number(out);
        break;
      case 3:
      case 4:
        string(out);
        break;
      case 5: {
        out += '[';
        const std::size_t n = pick(4);
        for (std::size_t i = 0; i < n; ++i) {
          if (i != 0) out += ',';
          out += space();
          value(out, depth + 1);
          out += space();
        }
        out += ']';
        break;
      }
      default: {
        out += '{';
        const std::size_t n = pick(4);
        for (std::size_t i = 0; i < n; ++i) {
          if (i != 0) out += ',';
          out += space();
          out += "\"k" + std::to_string(i) + "\"";  // distinct keys
          out += space();  // one call per statement: a fixed order of random draws
          out += ':';
          out += space();
          value(out, depth + 1);
        }
        out += '}';
        break;
      }
    }
  }
  void number(std::string& out) {
    static constexpr std::string_view samples[] = {"0",
                                                   "-0",
                                                   "7",
                                                   "-12",
                                                   "1234567890123",
                                                   "3.25",
                                                   "-0.5",
                                                   "1e9",
                                                   "2E-3",
                                                   "6.02e+23",
                                                   "9223372036854775807",
                                                   "-9223372036854775808",
                                                   "18446744073709551616"};
    out += samples[pick(std::size(samples))];
  }
  void string(std::string& out) {
    static constexpr std::string_view pieces[] = {"a",        "Z9",           " ",
                                                  "\\\"",     "\\\\",         "\\/",
                                                  "/",        "\\b",          "\\f",
                                                  "\\n",      "\\r",          "\\t",
                                                  "\\u0000",  "\\u001f",      "\\u0041",
                                                  "\\u00e9",  "\\u732B",      "\\ud83d\\ude00",
                                                  "\xC3\xA9", "\xE7\x8C\xAB", "\xF0\x9F\x98\x80",
                                                  "\x7F",     "\\uFFFF",      "{}[],:"};
    out += '"';
    const std::size_t n = pick(6);
    for (std::size_t i = 0; i < n; ++i) out += pieces[pick(std::size(pieces))];
    out += '"';
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// writer

TEST_CASE("append_json_string escapes every control character", "[core][json][writer]") {
  for (unsigned c = 0; c < 0x20; ++c) {
    const std::string in(1, static_cast<char>(c));
    std::string expected;
    switch (c) {
      case '\b':
        expected = "\\b";
        break;
      case '\f':
        expected = "\\f";
        break;
      case '\n':
        expected = "\\n";
        break;
      case '\r':
        expected = "\\r";
        break;
      case '\t':
        expected = "\\t";
        break;
      default: {
        const char digits[] = "0123456789abcdef";
        expected = "\\u00"s + digits[c >> 4] + digits[c & 0xF];
      }
    }
    INFO(c);
    CHECK(quoted(in) == "\"" + expected + "\"");
  }
  CHECK(quoted("a\x01z"s) == "\"a\\u0001z\"");
  CHECK(quoted("\x1f\x1e"s) == "\"\\u001f\\u001e\"");
  CHECK(quoted(std::string("\0x", 2)) == "\"\\u0000x\"");
}

TEST_CASE("append_json_string: quotes, backslash, '/', DEL and UTF-8", "[core][json][writer]") {
  CHECK(quoted("") == "\"\"");
  CHECK(quoted("plain text") == "\"plain text\"");
  CHECK(quoted("\"") == "\"\\\"\"");
  CHECK(quoted("\\") == "\"\\\\\"");
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("/thumbs/a.webp") == "\"/thumbs/a.webp\"");  // '/' is not escaped
  CHECK(quoted("\x7F") == "\"\x7F\"");                      // DEL is not a control char in JSON
  CHECK(quoted("\xE7\x8C\xAB 1.png") == "\"\xE7\x8C\xAB 1.png\"");      // 猫: passed through
  CHECK(quoted("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");          // U+1F600
  CHECK(quoted("\xE2\x80\xA8") == "\"\xE2\x80\xA8\"");                  // U+2028 stays raw
  CHECK(quoted("x\",\"rule\":\"y") == "\"x\\\",\\\"rule\\\":\\\"y\"");  // no injection

  std::string out = "prefix:";
  REQUIRE(append_json_string(out, "v").has_value());
  CHECK(out == "prefix:\"v\"");
}

TEST_CASE("append_json_string refuses invalid UTF-8 and leaves the output alone",
          "[core][json][writer]") {
  const std::pair<std::string, std::size_t> bad[] = {
      {"\xFF", 0},              // not a lead byte
      {"ab\x80", 2},            // lone continuation byte
      {"abc\xC3", 3},           // truncated
      {"\xC0\xAF", 0},          // overlong '/'
      {"a\xED\xA0\x80z", 1},    // UTF-8 encoded surrogate
      {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
      {"ok \xE7\x8C", 3},       // truncated 3-byte sequence
  };
  for (const auto& [in, offset] : bad) {
    INFO(in);
    std::string out = "keep";
    const auto r = append_json_string(out, in);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_utf8);
    CHECK(r.error().offset == offset);
    CHECK(out == "keep");
  }
}

// ---------------------------------------------------------------------------------------------
// reader: values

TEST_CASE("json::parse reads every kind of value", "[core][json][reader]") {
  CHECK(parsed("null").is_null());
  CHECK(parsed("true").is_bool());
  CHECK(parsed("true").as_bool());
  CHECK_FALSE(parsed("false").as_bool());
  CHECK(parsed("false").type() == json::kind::boolean);

  const auto n = parsed("-12.5e+3");
  CHECK(n.is_number());
  CHECK(n.number_text() == "-12.5e+3");
  CHECK(parsed("0").number_text() == "0");
  CHECK(parsed("1E400").number_text() == "1E400");  // kept as text: no range limit here

  const auto s = parsed("\"hello\"");
  CHECK(s.is_string());
  CHECK(s.as_string() == "hello");
  CHECK_FALSE(s.has_escapes());
  CHECK(parsed("\"\"").as_string().empty());

  const auto a = parsed("[1,\"two\",[],{},null]");
  REQUIRE(a.is_array());
  REQUIRE(a.items().size() == 5);
  CHECK(a.items()[0].number_text() == "1");
  CHECK(a.items()[1].as_string() == "two");
  CHECK(a.items()[2].is_array());
  CHECK(a.items()[2].items().empty());
  CHECK(a.items()[3].is_object());
  CHECK(a.items()[4].is_null());

  const auto o = parsed("{\"z\":1,\"a\":{\"b\":[true]},\"m\":\"x\"}");
  REQUIRE(o.is_object());
  REQUIRE(o.members().size() == 3);
  CHECK(o.members()[0].key == "z");  // document order, not sorted
  CHECK(o.members()[1].key == "a");
  CHECK(o.members()[2].key == "m");
  REQUIRE(o.find("a") != nullptr);
  REQUIRE(o.find("a")->find("b") != nullptr);
  CHECK(o.find("a")->find("b")->items()[0].as_bool());
  CHECK(o.find("m")->as_string() == "x");
  CHECK(o.find("missing") == nullptr);
  CHECK(parsed("[]").find("a") == nullptr);

  // Accessors of the wrong kind give empty answers.
  CHECK(parsed("1").as_string().empty());
  CHECK(parsed("\"1\"").number_text().empty());
  CHECK_FALSE(parsed("1").as_bool());
  CHECK(parsed("\"x\"").items().empty());
  CHECK(parsed("[1]").members().empty());
}

TEST_CASE("json::parse: whitespace and offsets", "[core][json][reader]") {
  const auto v = parsed(" \t\r\n{ \"a\" : [ 1 , \"b\" ] , \"c\":null }\n ");
  CHECK(v.offset() == 4);
  CHECK(v.members()[0].key_offset == 6);
  CHECK(v.members()[0].value.offset() == 12);
  CHECK(v.members()[0].value.items()[0].offset() == 14);
  CHECK(v.members()[0].value.items()[1].offset() == 18);
  CHECK(v.members()[1].key_offset == 26);
  CHECK(v.members()[1].value.offset() == 30);
}

TEST_CASE("json::value::as_int64", "[core][json][reader]") {
  CHECK(*parsed("0").as_int64() == 0);
  CHECK(*parsed("-0").as_int64() == 0);
  CHECK(*parsed("1").as_int64() == 1);
  CHECK(*parsed("-42").as_int64() == -42);
  CHECK(*parsed("9223372036854775807").as_int64() == std::numeric_limits<std::int64_t>::max());
  CHECK(*parsed("-9223372036854775808").as_int64() == std::numeric_limits<std::int64_t>::min());

  const auto over = parsed("[9223372036854775808]").items()[0].as_int64();
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().code == errc::value_out_of_range);
  CHECK(over.error().offset == 1);
  CHECK(parsed("-9223372036854775809").as_int64().error().code == errc::value_out_of_range);
  CHECK(parsed("100000000000000000000").as_int64().error().code == errc::value_out_of_range);

  const auto fraction = parsed(" 1.0").as_int64();
  REQUIRE_FALSE(fraction.has_value());
  CHECK(fraction.error().code == errc::invalid_number);
  CHECK(fraction.error().offset == 2);
  CHECK(parsed("1e2").as_int64().error().code == errc::invalid_number);
  CHECK(parsed("1E2").as_int64().error().offset == 1);

  const auto not_number = parsed("[\"1\"]").items()[0].as_int64();
  REQUIRE_FALSE(not_number.has_value());
  CHECK(not_number.error().code == errc::wrong_type);
  CHECK(not_number.error().offset == 1);
  CHECK(parsed("true").as_int64().error().code == errc::wrong_type);
}

TEST_CASE("json::parse unescapes strings, \\u escapes and surrogate pairs",
          "[core][json][reader]") {
  CHECK(parsed(R"("a\"b\\c\/d")").as_string() == "a\"b\\c/d");
  CHECK(parsed(R"("\b\f\n\r\t")").as_string() == "\b\f\n\r\t");
  CHECK(parsed(R"("x\ty")").has_escapes());
  CHECK(parsed(R"("\u0041\u0062")").as_string() == "Ab");
  CHECK(parsed(R"("\u0000")").as_string() == std::string(1, '\0'));
  CHECK(parsed(R"("\u001F")").as_string() == "\x1F");
  CHECK(parsed(R"("\u007f")").as_string() == "\x7F");
  CHECK(parsed(R"("\u0080")").as_string() == "\xC2\x80");
  CHECK(parsed(R"("\u00e9\u00E9")").as_string() == "\xC3\xA9\xC3\xA9");
  CHECK(parsed(R"("\u07FF")").as_string() == "\xDF\xBF");
  CHECK(parsed(R"("\u0800")").as_string() == "\xE0\xA0\x80");
  CHECK(parsed(R"("\u732b")").as_string() == "\xE7\x8C\xAB");
  CHECK(parsed(R"("\uFFFF")").as_string() == "\xEF\xBF\xBF");
  CHECK(parsed(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80");
  CHECK(parsed(R"("\uD800\uDC00")").as_string() == "\xF0\x90\x80\x80");  // U+10000
  CHECK(parsed(R"("\uDBFF\uDFFF")").as_string() == "\xF4\x8F\xBF\xBF");  // U+10FFFF
  CHECK(parsed("\"\xE7\x8C\xAB \xF0\x9F\x98\x80\"").as_string() == "\xE7\x8C\xAB \xF0\x9F\x98\x80");
  CHECK(parsed("\"\x7F\"").as_string() == "\x7F");
}

// ---------------------------------------------------------------------------------------------
// reader: errors

TEST_CASE("json::parse refuses malformed input at the offending byte", "[core][json][reader]") {
  constexpr auto bad = errc::invalid_json;
  // Empty and truncated input: the offset is the input's size.
  require_error("", bad, 0);
  require_error("   ", bad, 3);
  require_error("[", bad, 1);
  require_error("[1", bad, 2);
  require_error("[1,", bad, 3);
  require_error("{", bad, 1);
  require_error("{\"a\"", bad, 4);
  require_error("{\"a\":", bad, 5);
  require_error("{\"a\":1", bad, 6);
  require_error("\"abc", bad, 4);
  require_error("\"\\", bad, 2);
  require_error("\"\\u", bad, 3);
  require_error("\"\\u12", bad, 5);
  require_error("nul", bad, 3);
  require_error("-", bad, 1);
  require_error("1.", bad, 2);
  require_error("1e", bad, 2);
  require_error("1e+", bad, 3);

  // Literals.
  require_error("nulL", bad, 3);
  require_error("tru e", bad, 3);
  require_error("True", bad, 0);
  require_error("NaN", bad, 0);
  require_error("Infinity", bad, 0);
  require_error("-Infinity", bad, 1);
  require_error("undefined", bad, 0);

  // Numbers.
  require_error("01", bad, 1);
  require_error("-01", bad, 2);
  require_error("00.5", bad, 1);
  require_error("+1", bad, 0);
  require_error(".5", bad, 0);
  require_error("1.e5", bad, 2);
  require_error("-.5", bad, 1);
  require_error("1e+-5", bad, 3);
  require_error("0x10", bad, 1);  // "0" then unexpected data
  require_error("[1.5.2]", bad, 4);

  // Structure.
  require_error("[1,]", bad, 3);
  require_error("[1,2,]", bad, 5);
  require_error("[,]", bad, 1);
  require_error("[,1]", bad, 1);
  require_error("[1 2]", bad, 3);
  require_error("[\"a\":1]", bad, 4);
  require_error("{\"a\":1,}", bad, 7);
  require_error("{,}", bad, 1);
  require_error("{\"a\" 1}", bad, 5);
  require_error("{\"a\"::1}", bad, 5);
  require_error("{\"a\":1 \"b\":2}", bad, 7);
  require_error("{a:1}", bad, 1);
  require_error("{'a':1}", bad, 1);
  require_error("{1:1}", bad, 1);
  require_error("{\"a\"}", bad, 4);
  require_error("[}", bad, 1);
  require_error("{]", bad, 1);
  require_error("]", bad, 0);
  require_error("'a'", bad, 0);

  // Data after the value.
  require_error("1 2", bad, 2);
  require_error("[] x", bad, 3);
  require_error("{}}", bad, 2);
  require_error("\"a\"\"b\"", bad, 3);
  require_error("null,", bad, 4);
  require_error("\t\n\r 1 \x0b", bad, 6);  // vertical tab is not JSON whitespace
  require_error("1\x0c", bad, 1);          // nor is form feed

  // Not JSON at all.
  require_error("/* c */ 1", bad, 0);
  require_error("// c\n1", bad, 0);
  require_error("\xEF\xBB\xBF{}", bad, 0);  // byte order mark
  require_error(std::string("[1,\0]", 5), bad, 3);
  require_error(std::string("\0", 1), bad, 0);

  // Strings.
  require_error("\"a\x01b\"", bad, 2);  // raw control characters
  require_error("\"a\nb\"", bad, 2);
  require_error("\"\tb\"", bad, 1);
  require_error(std::string("\"a\0\"", 4), bad, 2);
  require_error("\"\\x\"", bad, 2);  // unknown escapes, at the letter
  require_error("\"\\a\"", bad, 2);
  require_error("\"\\U0041\"", bad, 2);
  require_error("\"\\'\"", bad, 2);
  require_error("\"\\u12G4\"", bad, 5);  // at the bad hex digit
  require_error("\"\\u 123\"", bad, 3);
  require_error("\"\\u-123\"", bad, 3);
}

TEST_CASE("json::parse refuses lone surrogates and invalid UTF-8", "[core][json][reader]") {
  constexpr auto bad = errc::invalid_json;
  // The offset is the backslash of the unpaired escape.
  require_error(R"("\ud800")", bad, 1);
  require_error(R"("\uDBFF")", bad, 1);
  require_error(R"("\udc00")", bad, 1);
  require_error(R"("\uDFFF")", bad, 1);
  require_error(R"("x\ud800x")", bad, 2);
  require_error(R"("\ud800\u0041")", bad, 1);
  require_error(R"("\ud800\ud800")", bad, 1);
  require_error(R"("\ud800\n")", bad, 1);
  require_error(R"("\ude00\ud83d")", bad, 1);  // a pair in the wrong order
  require_error("\"\\ud800", bad, 1);
  require_error("\"\\ud800\\u", bad, 9);  // the second escape is cut short
  require_error(R"("\ud800\uDC0G")", bad, 12);

  require_error("\"\xFF\"", errc::invalid_utf8, 1);
  require_error("\"ab\x80\"", errc::invalid_utf8, 3);
  require_error("\"a\xC3\"", errc::invalid_utf8, 2);  // cut short by the quote
  require_error("\"a\xE7\x8C\"", errc::invalid_utf8, 2);
  require_error("\"\xC0\xAF\"", errc::invalid_utf8, 1);      // overlong
  require_error("\"\xED\xA0\x80\"", errc::invalid_utf8, 1);  // an encoded surrogate
  require_error("\"\xF4\x90\x80\x80\"", errc::invalid_utf8, 1);
  require_error("\"ok\\n\xFF\"", errc::invalid_utf8, 5);  // after an escape
  require_error("{\"k\xFF\":1}", errc::invalid_utf8, 3);  // in a key
  require_error("\xC3\xA9", bad, 0);                      // non-ASCII outside a string
}

TEST_CASE("json::parse refuses duplicate keys", "[core][json][reader]") {
  require_error(R"({"a":1,"a":2})", errc::duplicate_key, 7);
  require_error(R"({"a":1,"b":2,"a":3})", errc::duplicate_key, 13);
  require_error(R"({"a":1,"\u0061":2})", errc::duplicate_key, 7);  // the same key once unescaped
  require_error(R"({"x":{"a":1,"a":1}})", errc::duplicate_key, 12);
  require_error(R"([{"a":1},{"a":2,"a":3}])", errc::duplicate_key, 16);
  // The same key in different objects is fine.
  CHECK(parsed(R"([{"a":1},{"a":2}])").items().size() == 2);
  CHECK(parsed(R"({"a":{"a":{"a":1}}})").find("a")->find("a")->find("a")->number_text() == "1");
  CHECK(parsed(R"({"a":1,"A":2,"a ":3})").members().size() == 3);

  // Large objects (the hash set path): distinct keys pass, a late duplicate is found.
  std::string big = "{";
  for (int i = 0; i < 2000; ++i)
    big += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  const std::string ok = big + "}";
  CHECK(parsed(ok).members().size() == 2000);
  const std::string dup = big + ",\"k1234\":0}";
  require_error(dup, errc::duplicate_key, big.size() + 1);
  std::string seventeen = "{";
  for (int i = 0; i < 17; ++i) seventeen += "\"k" + std::to_string(i) + "\":0,";
  require_error(seventeen + "\"k0\":1}", errc::duplicate_key, seventeen.size());
  require_error(seventeen + "\"k16\":1}", errc::duplicate_key, seventeen.size());
}

TEST_CASE("json::parse limits nesting depth without exhausting the stack", "[core][json][reader]") {
  const auto nest = [](std::size_t n, std::string_view open, std::string_view close) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += open;
    s += "0";
    for (std::size_t i = 0; i < n; ++i) s += close;
    return s;
  };
  CHECK(parsed(nest(64, "[", "]")).is_array());
  require_error(nest(65, "[", "]"), errc::json_too_deep, 64);
  CHECK(parsed(nest(64, "{\"a\":", "}")).is_object());
  require_error(nest(65, "{\"a\":", "}"), errc::json_too_deep, 64 * 5);
  std::string mixed(20, '[');
  for (int i = 0; i < 50; ++i) mixed += "{\"a\":";
  require_error(mixed, errc::json_too_deep, 20 + 44 * 5);  // the 65th level is the 45th object

  // Hostile inputs: far deeper than the limit, unterminated.
  require_error(std::string(1'000'000, '['), errc::json_too_deep, 64);
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += "{\"a\":";
  require_error(objects, errc::json_too_deep, 64 * 5);

  // The limit is a parameter; scalars need no depth at all.
  require_error("[[1]]", errc::json_too_deep, 1, {.max_depth = 1});
  CHECK(json::parse("[1]", {.max_depth = 1}).has_value());
  CHECK(json::parse("1", {.max_depth = 0}).has_value());
  require_error("[]", errc::json_too_deep, 0, {.max_depth = 0});
  CHECK(json::parse(nest(500, "[", "]"), {.max_depth = 500}).has_value());
}

// ---------------------------------------------------------------------------------------------
// round trips

TEST_CASE("json::to_string writes compact text that parses back", "[core][json][roundtrip]") {
  const auto v =
      parsed(" { \"b\" : [ 1 , -2.5e3 , true , false , null ] , \"a\" : \"\\u00e9\\n\\/\" } ");
  CHECK(json::to_string(v) == "{\"b\":[1,-2.5e3,true,false,null],\"a\":\"\xC3\xA9\\n/\"}");
  CHECK(json::to_string(parsed("[]")) == "[]");
  CHECK(json::to_string(parsed("{}")) == "{}");
  CHECK(json::to_string(parsed("\"\\u0001\\u001f\"")) == "\"\\u0001\\u001f\"");
  CHECK(json::to_string(parsed(R"("\ud83d\ude00")")) == "\"\xF0\x9F\x98\x80\"");
  CHECK(json::to_string(json::value()) == "null");

  // Equality ignores offsets and escapes, and compares numbers as written.
  CHECK(parsed("[1, \"a\"]") == parsed("[1,\"\\u0061\"]"));
  CHECK_FALSE(parsed("[1.0]") == parsed("[1]"));
  CHECK_FALSE(parsed("{\"a\":1,\"b\":2}") == parsed("{\"b\":2,\"a\":1}"));  // order counts
  CHECK_FALSE(parsed("[true]") == parsed("[false]"));
  CHECK_FALSE(parsed("null") == parsed("false"));
  CHECK_FALSE(parsed("[]") == parsed("{}"));
  CHECK_FALSE(parsed("[[]]") == parsed("[[1]]"));
}

TEST_CASE("json: random documents round-trip through to_string", "[core][json][roundtrip]") {
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    json_generator gen(seed);
    const std::string text = gen.text();
    INFO(text);
    const auto first = json::parse(text);
    INFO((first ? std::string() : to_string(first.error())));
    REQUIRE(first.has_value());
    const std::string compact = json::to_string(*first);
    const auto second = json::parse(compact);
    REQUIRE(second.has_value());
    CHECK(*second == *first);
    CHECK(json::to_string(*second) == compact);
  }
}

TEST_CASE("json::parse survives random bytes and mutations", "[core][json][robustness]") {
  std::mt19937 rng(7);
  const std::string alphabet = "{}[],:\"\\ntrufalsel0123456789-+.eEu \t\x01\xC3\xA9\xFF";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    if (round % 2 == 0) {
      const std::size_t n = rng() % 24;
      for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    } else {
      text = json_generator(rng()).text();
      if (!text.empty()) text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    }
    const auto v = json::parse(text);
    if (v) {
      const auto again = json::parse(json::to_string(*v));
      REQUIRE(again.has_value());
      CHECK(*again == *v);
    } else {
      CHECK(v.error().offset <= text.size());
    }
  }
}
