// SPDX-License-Identifier: MIT
// Tests objproc/cos/pic_operations.hpp and cos/names.hpp: the operations.json vectors byte for
// byte, the 5-rule limit, bucket and fileid rules, JSON injection, the strict reader with its
// offsets, and a random round-trip property.
#include "objproc/cos/pic_operations.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/core/diagnostic.hpp"
#include "objproc/core/json.hpp"
#include "objproc/cos/names.hpp"

using objproc::errc;
using objproc::error;
using objproc::cos::check_bucket_name;
using objproc::cos::check_fileid;
using objproc::cos::check_object_key;
using objproc::cos::parse_pic_operations;
using objproc::cos::pic_operations;
using objproc::cos::pic_rule;
using objproc::cos::to_json;

namespace {

std::string json_of(const pic_operations& ops) {
  const auto j = to_json(ops);
  INFO((j ? std::string() : objproc::to_string(j.error())));
  REQUIRE(j.has_value());
  return *j;
}

pic_operations parsed(std::string_view text) {
  INFO(text);
  const auto p = parse_pic_operations(text);
  INFO((p ? std::string() : objproc::render_diagnostic(text, p.error())));
  REQUIRE(p.has_value());
  return *p;
}

void require_error(std::string_view text, errc code, std::size_t offset) {
  INFO(text);
  const auto p = parse_pic_operations(text);
  REQUIRE_FALSE(p.has_value());
  INFO(objproc::render_diagnostic(text, p.error()));
  CHECK(p.error().code == code);
  CHECK(p.error().offset == offset);
}

void require_to_json_error(const pic_operations& ops, errc code, std::size_t offset) {
  const auto j = to_json(ops);
  REQUIRE_FALSE(j.has_value());
  INFO(objproc::to_string(j.error()));
  CHECK(j.error().code == code);
  CHECK(j.error().offset == offset);
}

// The offset of `needle` in `text`, which must contain it.
std::size_t at(std::string_view text, std::string_view needle) {
  const std::size_t i = text.find(needle);
  REQUIRE(i != std::string_view::npos);
  return i;
}

// A JSON document with one rule object spliced in.
std::string with_rule(std::string_view rule_object) {
  return "{\"is_pic_info\":0,\"rules\":[" + std::string(rule_object) + "]}";
}

constexpr std::string_view png = "imageView2/format/png";

}  // namespace

// ---------------------------------------------------------------------------------------------
// operations.json vectors (tests/vectors/operations.json, cos-* "Pic-Operations" headers)

TEST_CASE("operations.json: cos-ci-put-object-seed / cos-ci-image-process-seed",
          "[cos][pic_operations][vectors]") {
  const std::string expected =
      R"({"is_pic_info":1,"rules":[{"fileid":"format.png","rule":"imageView2/format/png"}]})";
  const pic_operations ops{.is_pic_info = true,
                           .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
  CHECK(json_of(ops) == expected);
  CHECK(parsed(expected) == ops);
}

TEST_CASE("operations.json: cos-ci-image-process-two-rules-escaping",
          "[cos][pic_operations][vectors]") {
  const std::string expected =
      R"({"is_pic_info":0,"rules":[{"fileid":"/thumbs/a \"q\".webp","rule":"imageMogr2/thumbnail/!50p/format/webp"},)"
      R"({"bucket":"otherbucket-1250000000","fileid":"wm.jpg","rule":"watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}]})";
  const pic_operations ops{
      .is_pic_info = false,
      .rules = {{.fileid = "/thumbs/a \"q\".webp", .rule = "imageMogr2/thumbnail/!50p/format/webp"},
                {.bucket = "otherbucket-1250000000",
                 .fileid = "wm.jpg",
                 .rule = "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}}};
  CHECK(json_of(ops) == expected);
  CHECK(parsed(expected) == ops);
}

TEST_CASE("to_json: fixed key order, is_pic_info and rules always written",
          "[cos][pic_operations]") {
  CHECK(json_of({}) == R"({"is_pic_info":0,"rules":[]})");
  CHECK(json_of({.is_pic_info = true}) == R"({"is_pic_info":1,"rules":[]})");
  // bucket (when set) comes first, whatever the order the caller thinks in.
  CHECK(json_of({.rules = {{.bucket = "b-1", .fileid = "f", .rule = "style/s"}}}) ==
        R"({"is_pic_info":0,"rules":[{"bucket":"b-1","fileid":"f","rule":"style/s"}]})");
  // Rules go out in canonical form (base64 padding dropped, gravity lower case).
  const pic_operations loose{.rules = {{.fileid = "w.jpg",
                                        .rule = "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA==/"
                                                "gravity/SouthEast"}}};
  const std::string canonical =
      R"({"is_pic_info":0,"rules":[{"fileid":"w.jpg","rule":"watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}]})";
  CHECK(json_of(loose) == canonical);
  const auto back = parsed(json_of(loose));
  CHECK(back.rules[0].rule == "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast");
  CHECK(json_of(back) == canonical);
  // A pipeline and a style reference are both rules here.
  CHECK(
      json_of(
          {.rules = {{.fileid = "p.png", .rule = "imageMogr2/rotate/90|imageView2/format/png"}}}) ==
      R"({"is_pic_info":0,"rules":[{"fileid":"p.png","rule":"imageMogr2/rotate/90|imageView2/format/png"}]})");
}

// ---------------------------------------------------------------------------------------------
// the 5-rule limit

TEST_CASE("at most 5 rules: a 6th is errc::too_many_rules", "[cos][pic_operations]") {
  pic_operations ops;
  for (int i = 0; i < 5; ++i)
    ops.rules.push_back({.fileid = "out" + std::to_string(i) + ".png", .rule = std::string(png)});
  const std::string five = json_of(ops);
  CHECK(parsed(five) == ops);

  ops.rules.push_back({.fileid = "out5.png", .rule = std::string(png)});
  require_to_json_error(ops, errc::too_many_rules, error::no_offset);

  std::string six = five;
  six.insert(six.size() - 2, R"(,{"fileid":"out5.png","rule":"imageView2/format/png"})");
  require_error(six, errc::too_many_rules, at(six, R"({"fileid":"out5.png")"));
  // The count is checked before the rules themselves.
  require_error(R"({"rules":[1,2,3,4,5,6,7]})", errc::too_many_rules, 20);
}

// ---------------------------------------------------------------------------------------------
// names

TEST_CASE("cos::check_bucket_name: BucketName-APPID", "[cos][names]") {
  for (const char* ok : {"examplebucket-1250000000", "a-1", "my-bucket-125000000", "a--b-1", "0-0",
                         "123-456", "otherbucket-1250000000"}) {
    INFO(ok);
    CHECK(check_bucket_name(ok).has_value());
  }
  const std::string fifty(50, 'a');
  CHECK(check_bucket_name(fifty + "-1250000000").has_value());    // 61 characters
  CHECK(check_bucket_name(fifty + "-123456789012").has_value());  // 63
  static_assert(check_bucket_name("examplebucket-1250000000").has_value());
  static_assert(!check_bucket_name("examplebucket").has_value());

  const struct {
    std::string name;
    std::size_t offset;
  } bad[] = {
      {"", error::no_offset},
      {"examplebucket", 13},           // no -APPID
      {"examplebucket-", 14},          // empty APPID
      {"Examplebucket-125", 0},        // upper case
      {"example_bucket-125", 7},       // '_'
      {"a.b-125", 1},                  // '.'
      {"abc-125 ", 7},                 // space
      {"my-bucket-12a", 12},           // APPID not digits
      {"my-bucket-x", 10},             // the last segment is the APPID
      {"-125", 0},                     // empty BucketName
      {"-abc-125", 0},                 // starts with '-'
      {"abc--125", 3},                 // BucketName ends with '-'
      {fifty + "a-1", 50},             // BucketName of 51
      {fifty + "-1234567890123", 63},  // 64 in all
      {"\xE7\x8C\xAB-125", 0},         // non-ASCII
  };
  for (const auto& [name, offset] : bad) {
    INFO(name);
    const auto r = check_bucket_name(name);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_bucket_name);
    CHECK(r.error().offset == offset);
  }
}

TEST_CASE("cos::check_object_key and cos::check_fileid", "[cos][names][pic_operations]") {
  CHECK(check_object_key("a").has_value());
  CHECK(check_object_key("dir/\xE7\x8C\xAB 1.jpg").has_value());
  CHECK(check_object_key("").error().code == errc::invalid_object_key);
  CHECK(check_object_key("ab\xFF").error().offset == 2);

  for (const char* ok : {"a.png", "/abs/a.png", "dir/sub/a.png", "a \"q\".webp", "a\\b", "a\tb",
                         "\xE7\x8C\xAB.png", "//x", "a/./b", "x{}[],:"}) {
    INFO(ok);
    CHECK(check_fileid(ok).has_value());
  }
  const std::pair<std::string, std::size_t> bad[] = {
      {"", error::no_offset},
      {"/", 0},
      {"dir/", 3},
      {"a\rb", 1},
      {"a\nb", 1},
      {"x\r\n", 1},
      {std::string("a\0b", 3), 1},
      {"\xFF.png", 0},
      {"a\xC3", 1},
  };
  for (const auto& [fileid, offset] : bad) {
    INFO(fileid);
    const auto r = check_fileid(fileid);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_object_key);
    CHECK(r.error().offset == offset);
  }
}

TEST_CASE("to_json refuses invalid fields", "[cos][pic_operations]") {
  const auto one = [](pic_rule r) { return pic_operations{.rules = {std::move(r)}}; };
  require_to_json_error(one({.bucket = "Bad-125", .fileid = "a", .rule = std::string(png)}),
                        errc::invalid_bucket_name, 0);
  require_to_json_error(one({.bucket = "nobucketappid", .fileid = "a", .rule = std::string(png)}),
                        errc::invalid_bucket_name, 13);
  require_to_json_error(one({.fileid = "", .rule = std::string(png)}), errc::invalid_object_key,
                        error::no_offset);
  require_to_json_error(one({.fileid = "dir/", .rule = std::string(png)}), errc::invalid_object_key,
                        3);
  require_to_json_error(one({.fileid = "a\r\nX-Injected: 1", .rule = std::string(png)}),
                        errc::invalid_object_key, 1);
  require_to_json_error(one({.fileid = "a\xFF", .rule = std::string(png)}),
                        errc::invalid_object_key, 1);
  require_to_json_error(one({.fileid = "a", .rule = ""}), errc::empty_style, 0);
  require_to_json_error(one({.fileid = "a", .rule = "imageMogr2/rotate/361"}),
                        errc::value_out_of_range, 18);
  const auto quote = to_json(one({.fileid = "a", .rule = "imageView2/format/png\",\"x\":\""}));
  CHECK_FALSE(quote.has_value());
  // The first invalid rule stops the whole value.
  const pic_operations later{.rules = {{.fileid = "ok", .rule = std::string(png)},
                                       {.fileid = "bad/", .rule = std::string(png)}}};
  require_to_json_error(later, errc::invalid_object_key, 3);
}

TEST_CASE("to_json and check_fileid name the rule's field", "[cos][pic_operations]") {
  const auto one = [](pic_rule r) { return pic_operations{.rules = {std::move(r)}}; };
  const auto field = [](const pic_operations& ops) {
    const auto r = to_json(ops);
    REQUIRE_FALSE(r.has_value());
    return r.error().field;
  };
  // A rule's bucket and fileid are not the object's bucket and key.
  CHECK(field(one({.bucket = "Bad-125", .fileid = "a", .rule = std::string(png)})) ==
        objproc::cos::fields::rule_bucket);
  CHECK(field(one({.fileid = "a\r\nX: 1", .rule = std::string(png)})) ==
        objproc::cos::fields::fileid);
  CHECK(check_fileid("").error().field == "pic_operations.fileid");
  CHECK(field(one({.fileid = "a", .rule = "imageMogr2/rotate/361"})) == "rule");
  pic_operations six;
  for (int i = 0; i < 6; ++i) six.rules.push_back({.fileid = "a", .rule = std::string(png)});
  CHECK(field(six) == "pic_operations");
  // Read from JSON, the offset indexes the Pic-Operations text: that is the field.
  const std::string fileid = with_rule(R"({"fileid":"dir/","rule":"imageView2/format/png"})");
  const auto parsed = parse_pic_operations(fileid);
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().field == "pic_operations");
}

// ---------------------------------------------------------------------------------------------
// JSON injection

TEST_CASE("fields cannot inject JSON: they are escaped and read back unchanged",
          "[cos][pic_operations][security]") {
  const pic_operations ops{.rules = {{.fileid = R"(a","rule":"x)", .rule = std::string(png)}}};
  const std::string j = json_of(ops);
  CHECK(
      j ==
      R"({"is_pic_info":0,"rules":[{"fileid":"a\",\"rule\":\"x","rule":"imageView2/format/png"}]})");
  const auto back = parsed(j);
  CHECK(back == ops);
  CHECK(back.rules[0].fileid == R"(a","rule":"x)");

  const pic_operations closing{.rules = {{.fileid = R"(x"}],"is_pic_info":1,"rules":[{"fileid":"y)",
                                          .rule = std::string(png)}}};
  CHECK(parsed(json_of(closing)) == closing);
  CHECK_FALSE(parsed(json_of(closing)).is_pic_info);

  const pic_operations backslash{.rules = {{.fileid = "a\\\",\\", .rule = std::string(png)}}};
  CHECK(json_of(backslash) ==
        R"({"is_pic_info":0,"rules":[{"fileid":"a\\\",\\","rule":"imageView2/format/png"}]})");
  CHECK(parsed(json_of(backslash)) == backslash);

  // Control characters other than CR/LF/NUL are allowed in a fileid and always escaped, so the
  // header value never carries a raw control byte.
  const pic_operations controls{
      .rules = {{.fileid = "a\tb\x01\x1f\x7f", .rule = std::string(png)}}};
  CHECK(json_of(controls) ==
        "{\"is_pic_info\":0,\"rules\":[{\"fileid\":\"a\\tb\\u0001\\u001f\x7f\",\"rule\":"
        "\"imageView2/format/png\"}]}");
  CHECK(parsed(json_of(controls)) == controls);

  // UTF-8 passes through unchanged.
  const pic_operations utf8{
      .rules = {{.fileid = "/\xE7\x8C\xAB/\xF0\x9F\x98\x80.png", .rule = std::string(png)}}};
  CHECK(json_of(utf8).find("\"fileid\":\"/\xE7\x8C\xAB/\xF0\x9F\x98\x80.png\"") !=
        std::string::npos);
  CHECK(parsed(json_of(utf8)) == utf8);

  // A second "rule" written into the raw text is a duplicate key, not a silent override.
  const std::string twice =
      with_rule(R"({"fileid":"a","rule":"imageView2/format/png","rule":"style/x"})");
  require_error(twice, errc::duplicate_key, at(twice, R"("rule":"style/x")"));
}

// ---------------------------------------------------------------------------------------------
// the reader

TEST_CASE("parse_pic_operations accepts what the service reads", "[cos][pic_operations]") {
  CHECK(parsed("{}") == pic_operations{});
  CHECK(parsed(R"({"is_pic_info":1})") == pic_operations{.is_pic_info = true});
  CHECK(parsed(R"({"rules":[]})") == pic_operations{});
  CHECK(parsed(R"({"is_pic_info":0})") == pic_operations{});
  // Any key order, whitespace, JSON escapes.
  const pic_operations expected{
      .is_pic_info = true,
      .rules = {{.bucket = "dest-1250000000", .fileid = "/out/a.png", .rule = std::string(png)}}};
  CHECK(parsed(" {\n \"rules\" : [ { \"rule\" : \"imageView2\\/format\\/png\" , \"fileid\" : "
               "\"\\/out\\/a.png\", \"bucket\":\"dest-\\u0031250000000\" } ] ,\n"
               " \"is_pic_info\" : 1 }\n") == expected);
  CHECK(parsed(R"({"is_pic_info":-0})") == pic_operations{});
}

TEST_CASE("parse_pic_operations refuses malformed JSON with its offset", "[cos][pic_operations]") {
  require_error("", errc::invalid_json, 0);
  require_error(R"({"is_pic_info":1,)", errc::invalid_json, 17);
  require_error(R"({"is_pic_info":1,"rules":[}])", errc::invalid_json, 26);
  require_error(R"({"is_pic_info":01})", errc::invalid_json, 16);
  require_error(R"({"rules":[]} x)", errc::invalid_json, 13);
  require_error(R"({"rules":[],})", errc::invalid_json, 12);
  require_error("{\"rules\":[{\"fileid\":\"\xFF\"}]}", errc::invalid_utf8, 21);
  require_error(R"({"is_pic_info":1,"is_pic_info":0})", errc::duplicate_key, 17);
  require_error(R"({"rules":[],"rules":[]})", errc::duplicate_key, 12);
  std::string deep = R"({"rules":)";
  for (int i = 0; i < 100; ++i) deep += '[';
  require_error(deep, errc::json_too_deep, 9 + 63);
}

TEST_CASE("parse_pic_operations refuses unknown keys and wrong types", "[cos][pic_operations]") {
  require_error("[]", errc::wrong_type, 0);
  require_error(" null", errc::wrong_type, 1);
  require_error(R"("{}")", errc::wrong_type, 0);
  require_error(R"({"is_pic_info":1,"rule":[]})", errc::unknown_key, 17);
  require_error(R"({"Rules":[]})", errc::unknown_key, 1);
  require_error(R"({"rules":[],"extra":null})", errc::unknown_key, 12);

  require_error(R"({"is_pic_info":"1"})", errc::wrong_type, 15);
  require_error(R"({"is_pic_info":true})", errc::wrong_type, 15);
  require_error(R"({"is_pic_info":null})", errc::wrong_type, 15);
  require_error(R"({"is_pic_info":2})", errc::value_out_of_range, 15);
  require_error(R"({"is_pic_info":-1})", errc::value_out_of_range, 15);
  require_error(R"({"is_pic_info":99999999999999999999})", errc::value_out_of_range, 15);
  require_error(R"({"is_pic_info":1.0})", errc::invalid_number, 16);
  require_error(R"({"is_pic_info":1e0})", errc::invalid_number, 16);

  require_error(R"({"rules":{}})", errc::wrong_type, 9);
  require_error(R"({"rules":"imageView2/format/png"})", errc::wrong_type, 9);
  require_error(R"({"rules":null})", errc::wrong_type, 9);
  require_error(R"({"rules":[1]})", errc::wrong_type, 10);
  require_error(R"({"rules":[[]]})", errc::wrong_type, 10);
  const std::string second = R"({"rules":[{"fileid":"a","rule":"imageView2/format/png"},"x"]})";
  require_error(second, errc::wrong_type, at(second, "\"x\""));

  const std::string number_fileid = with_rule(R"({"fileid":1,"rule":"imageView2/format/png"})");
  require_error(number_fileid, errc::wrong_type, at(number_fileid, "1,"));
  const std::string null_bucket =
      with_rule(R"({"bucket":null,"fileid":"a","rule":"imageView2/format/png"})");
  require_error(null_bucket, errc::wrong_type, at(null_bucket, "null"));
  const std::string array_rule = with_rule(R"({"fileid":"a","rule":["imageView2/format/png"]})");
  require_error(array_rule, errc::wrong_type, at(array_rule, "[\"imageView2"));
  const std::string extra =
      with_rule(R"({"fileid":"a","rule":"imageView2/format/png","Bucket":"b-1"})");
  require_error(extra, errc::unknown_key, at(extra, "\"Bucket\""));

  const std::string no_rule = with_rule(R"({"fileid":"a"})");
  require_error(no_rule, errc::missing_key, at(no_rule, "{\"fileid\""));
  const std::string no_fileid = with_rule(R"({"rule":"imageView2/format/png"})");
  require_error(no_fileid, errc::missing_key, at(no_fileid, "{\"rule\""));
  const std::string empty = with_rule("{}");
  require_error(empty, errc::missing_key, at(empty, "{}"));
}

TEST_CASE("parse_pic_operations refuses invalid fields, pointing into the JSON",
          "[cos][pic_operations]") {
  // Written without escapes: the offset is the offending byte inside the string.
  const std::string bucket =
      with_rule(R"({"bucket":"Dest-125","fileid":"a","rule":"imageView2/format/png"})");
  require_error(bucket, errc::invalid_bucket_name, at(bucket, "Dest"));
  const std::string appid =
      with_rule(R"({"bucket":"dest-12x","fileid":"a","rule":"imageView2/format/png"})");
  require_error(appid, errc::invalid_bucket_name, at(appid, "x\""));
  const std::string fileid = with_rule(R"({"fileid":"dir/","rule":"imageView2/format/png"})");
  require_error(fileid, errc::invalid_object_key, at(fileid, "/\",\"rule"));
  const std::string rule_text = "imageMogr2/rotate/361";
  const std::string rule = with_rule(R"({"fileid":"a","rule":")" + rule_text + "\"}");
  const auto rule_error = objproc::cos::parse_rule(rule_text);
  REQUIRE_FALSE(rule_error.has_value());
  require_error(rule, rule_error.error().code, at(rule, rule_text) + rule_error.error().offset);
  const std::string unknown = with_rule(R"({"fileid":"a","rule":"imageMogr2/bogus/1"})");
  require_error(unknown, errc::unknown_parameter, at(unknown, "bogus"));

  // No offset of its own, or written with escapes: the offset is the string's opening quote.
  const std::string empty_bucket =
      with_rule(R"({"bucket":"","fileid":"a","rule":"imageView2/format/png"})");
  require_error(empty_bucket, errc::invalid_bucket_name, at(empty_bucket, "\"\","));
  const std::string empty_fileid = with_rule(R"({"fileid":"","rule":"imageView2/format/png"})");
  require_error(empty_fileid, errc::invalid_object_key, at(empty_fileid, "\"\","));
  const std::string newline = with_rule(R"({"fileid":"a\nb","rule":"imageView2/format/png"})");
  require_error(newline, errc::invalid_object_key, at(newline, "\"a\\n"));
  const std::string nul = with_rule(R"({"fileid":"a\u0000","rule":"imageView2/format/png"})");
  require_error(nul, errc::invalid_object_key, at(nul, "\"a\\u"));
  const std::string slash = with_rule(R"({"fileid":"a\/","rule":"imageView2/format/png"})");
  require_error(slash, errc::invalid_object_key, at(slash, "\"a\\/"));
  const std::string empty_rule = with_rule(R"({"fileid":"a","rule":""})");
  // parse_rule reports an empty rule at its offset 0: just inside the quotes.
  require_error(empty_rule, errc::empty_style, at(empty_rule, "\"\"}") + 1);
  const std::string quote_rule = with_rule(R"({"fileid":"a","rule":"imageView2/format/png\""})");
  CHECK_FALSE(parse_pic_operations(quote_rule).has_value());
}

// ---------------------------------------------------------------------------------------------
// round-trip property

namespace {

class ops_generator {
 public:
  explicit ops_generator(std::uint32_t seed) : rng_(seed) {}

  pic_operations next() {
    pic_operations ops;
    ops.is_pic_info = pick(2) == 1;
    const std::size_t n = pick(objproc::cos::max_pic_rules + 1);
    for (std::size_t i = 0; i < n; ++i)
      ops.rules.push_back({.bucket = pick(2) == 0 ? std::string() : bucket(),
                           .fileid = fileid(),
                           .rule = std::string(rules[pick(std::size(rules))])});
    return ops;
  }

 private:
  std::mt19937 rng_;
  static constexpr std::string_view rules[] = {
      "imageView2/format/png",
      "imageMogr2/thumbnail/!50p/format/webp",
      "imageMogr2/rotate/90|imageView2/format/png",
      "imageMogr2/crop/300x300/gravity/center",
      "imageMogr2/blur/3x2",
      "imageMogr2/strip",
      "imageMogr2/quality/80",
      "imageView2/1/w/200/h/200",
      "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast",
      "style/mystyle",
  };

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  std::string bucket() {
    static constexpr std::string_view inner = "abcdefghijklmnopqrstuvwxyz0123456789-";
    const std::size_t name_size = 1 + pick(objproc::cos::max_bucket_custom_size);
    std::string out;
    for (std::size_t i = 0; i < name_size; ++i) {
      const bool edge = i == 0 || i + 1 == name_size;
      out += inner[pick(edge ? inner.size() - 1 : inner.size())];
    }
    out += '-';
    const std::size_t appid_size = 1 + pick(objproc::cos::max_bucket_name_size - out.size());
    for (std::size_t i = 0; i < appid_size; ++i) out += static_cast<char>('0' + pick(10));
    return out;
  }
  std::string fileid() {
    static constexpr std::string_view pieces[] = {"a",
                                                  "Z",
                                                  "0",
                                                  ".",
                                                  "/",
                                                  "-",
                                                  "_",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "\",\"rule\":\"x",
                                                  "}]",
                                                  "{[",
                                                  ":",
                                                  "\\u0000",
                                                  "\t",
                                                  "\x01",
                                                  "\x1f",
                                                  "\x7f",
                                                  "\xC3\xA9",
                                                  "\xE7\x8C\xAB",
                                                  "\xF0\x9F\x98\x80",
                                                  "\xE2\x80\xA8",
                                                  "%2F",
                                                  "'",
                                                  "<>&"};
    std::string out;
    const std::size_t n = 1 + pick(8);
    for (std::size_t i = 0; i < n; ++i) out += pieces[pick(std::size(pieces))];
    if (out.back() == '/') out += 'x';
    return out;
  }
};

}  // namespace

TEST_CASE("property: random pic_operations -> to_json -> parse is the same value",
          "[cos][pic_operations][property]") {
  for (std::uint32_t seed = 1; seed <= 3000; ++seed) {
    const pic_operations ops = ops_generator(seed).next();
    INFO(seed);
    const std::string j = json_of(ops);
    INFO(j);
    const auto back = parse_pic_operations(j);
    INFO((back ? std::string() : objproc::render_diagnostic(j, back.error())));
    REQUIRE(back.has_value());
    CHECK(*back == ops);
    CHECK(json_of(*back) == j);
    // Already compact, canonical JSON; no raw control byte ever reaches the header.
    const auto doc = objproc::json::parse(j);
    REQUIRE(doc.has_value());
    CHECK(objproc::json::to_string(*doc) == j);
    for (const char c : j) CHECK(static_cast<unsigned char>(c) >= 0x20);
  }
}
