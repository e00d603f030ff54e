// SPDX-License-Identifier: MIT
// Tests the CI vocabulary of issue 12: cos/spec.hpp as data, placement per carrier
// (parse_rule(text, where), rule::check_placement, Pic-Operations), the trailing '/', the side
// limit, and cos::unchecked_rule with its structure checks.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "objproc/core/diagnostic.hpp"
#include "objproc/cos/builder.hpp"
#include "objproc/cos/image_mogr2.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/spec.hpp"
#include "objproc/cos/watermark.hpp"

using objproc::errc;
using objproc::cos::parse_rule;
using objproc::cos::rule_carrier;
using objproc::cos::unchecked_rule;
namespace spec = objproc::cos::spec;

namespace {
void require_error(std::string_view text, rule_carrier where, errc code, std::size_t offset) {
  INFO(text);
  const auto r = parse_rule(text, where);
  REQUIRE_FALSE(r.has_value());
  INFO(objproc::render_diagnostic(text, r.error()));
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
}
}  // namespace

TEST_CASE("cos/spec.hpp: every row has a source and carriers", "[cos][spec]") {
  for (const spec::op_spec& op : spec::operations) {
    INFO(op.name);
    CHECK_FALSE(op.source_ref.empty());
    CHECK(op.carriers != 0);
    for (const spec::param_spec& p : op.params) {
      INFO(p.key);
      CHECK_FALSE(p.source_ref.empty());
      CHECK((p.carriers & op.carriers) != 0);  // a key can run where its operation does
    }
  }
  STATIC_REQUIRE(spec::operations[spec::find_operation("watermark/4")].carriers ==
                 spec::in_persistent);
  STATIC_REQUIRE(spec::operations[spec::find_operation("QRcode")].carriers == spec::in_upload);
  STATIC_REQUIRE(spec::operations[spec::find_operation("imageInfo")].carriers == spec::in_download);
  STATIC_REQUIRE(spec::find_operation("qrcode") == spec::not_found);
}

TEST_CASE("cos/spec.hpp: the lookups find every row by its name", "[cos][spec]") {
  // They compare name codes first (core/scan.hpp): every row must still be found as itself.
  for (std::size_t i = 0; i < std::size(spec::operations); ++i) {
    const auto& op = spec::operations[i];
    INFO(op.name);
    CHECK(spec::find_operation(op.name) == i);
    for (std::size_t row = 0; row < op.params.size(); ++row) {
      INFO(op.params[row].key);
      CHECK(spec::find_param(i, op.params[row].key) == row);
    }
    CHECK(spec::find_param(i, "no-such-key") == spec::not_found);
  }
  CHECK(spec::find_operation("imageMogr3") == spec::not_found);  // same length and ends
}

TEST_CASE("placement: where each operation may run", "[cos][rule][carrier]") {
  // watermark/4 (extraction) never in a download URL; embedding (watermark/3) is fine there.
  require_error("watermark/4/type/3", rule_carrier::download_url, errc::misplaced_operation, 0);
  CHECK(parse_rule("watermark/3/type/3/text/dA", rule_carrier::download_url));
  require_error("imageMogr2/rotate/90|watermark/4/type/3", rule_carrier::download_url,
                errc::misplaced_operation, 21);
  // QRcode: upload only; Pic-Operations of unknown kind accepts it (valid on upload).
  CHECK(parse_rule("QRcode/cover/1", rule_carrier::upload));
  CHECK(parse_rule("QRcode/cover/1", rule_carrier::persistent));
  require_error("QRcode/cover/1", rule_carrier::cloud_process, errc::misplaced_operation, 0);
  require_error("QRcode/cover/1|imageMogr2/rotate/90", rule_carrier::upload,
                errc::misplaced_operation, 0);  // stands alone
  // imageInfo, exif, imageAve: download only.
  for (const char* op : {"imageInfo", "exif", "imageAve"}) {
    CHECK(parse_rule(op, rule_carrier::download_url));
    CHECK(parse_rule(op));
    require_error(op, rule_carrier::persistent, errc::misplaced_operation, 0);
    require_error(op, rule_carrier::cloud_process, errc::misplaced_operation, 0);
  }
  // A key's placement: density and frame download only, AIGCMetadata persistent only.
  require_error("imageMogr2/rotate/90/density/300", rule_carrier::cloud_process,
                errc::misplaced_operation, 21);
  require_error("imageMogr2/frame/1", rule_carrier::upload, errc::misplaced_operation, 11);
  require_error("imageMogr2/AIGCMetadata/Label/bGFiZWw", rule_carrier::download_url,
                errc::misplaced_operation, 11);
  require_error("imageMogr2/format/psd", rule_carrier::download_url, errc::misplaced_operation, 18);
  // style/ only in Pic-Operations.
  require_error("style/a", rule_carrier::download_url, errc::misplaced_operation, 0);
  CHECK(parse_rule("style/a", rule_carrier::cloud_process));
  // The one-argument form is `any`: valid somewhere.
  CHECK(parse_rule("watermark/4/type/3"));
  CHECK(parse_rule("imageMogr2/density/1|imageMogr2/AIGCMetadata/Label/bGFiZWw"));
}

TEST_CASE("rule::check_placement re-checks a parsed rule for a carrier", "[cos][rule][carrier]") {
  const auto extract = parse_rule("watermark/4/type/3").value();
  CHECK(extract.check_placement(rule_carrier::upload));
  CHECK(extract.check_placement(rule_carrier::download_url).error().code ==
        errc::misplaced_operation);
  CHECK(objproc::cos::rule{}.check_placement(rule_carrier::download_url));  // nothing to run
  const auto loose = unchecked_rule("watermark/4/type/9/zoom/1").value();
  CHECK(loose.check_placement(rule_carrier::cloud_process));  // stays unchecked
  CHECK(loose.check_placement(rule_carrier::download_url).error().code ==
        errc::misplaced_operation);
  STATIC_REQUIRE(parse_rule("imageInfo").value().check_placement(rule_carrier::download_url));
}

TEST_CASE("a trailing '/' after a complete rule is dropped, also before '|'", "[cos][rule]") {
  CHECK(parse_rule("imageMogr2/thumbnail/200x/")->view() == "imageMogr2/thumbnail/200x");
  CHECK(parse_rule("imageMogr2/strip/")->view() == "imageMogr2/strip");
  CHECK(parse_rule("imageView2/2/")->view() == "imageView2/2");
  CHECK(parse_rule("imageMogr2/rotate/90/|imageMogr2/strip/")->view() ==
        "imageMogr2/rotate/90|imageMogr2/strip");
  STATIC_REQUIRE(parse_rule("watermark/4/type/3/").value() ==
                 std::string_view("watermark/4/type/3"));
  // Only one, and only after something complete.
  require_error("imageMogr2/strip//", rule_carrier::any, errc::empty_operation, 17);
  require_error("imageMogr2/", rule_carrier::any, errc::empty_operation, 11);
  require_error("imageMogr2/thumbnail/", rule_carrier::any, errc::missing_value, 21);
  require_error("imageSlim/", rule_carrier::any, errc::empty_operation, 10);
}

TEST_CASE("width/height values above 10000 are refused, not clamped", "[cos][rule]") {
  CHECK(parse_rule("imageMogr2/thumbnail/10000x10000"));
  require_error("imageMogr2/thumbnail/10001x", rule_carrier::any, errc::value_out_of_range, 21);
  require_error("imageMogr2/thumbnail/!200x10001r", rule_carrier::any, errc::value_out_of_range,
                26);
  require_error("imageMogr2/crop/x10001", rule_carrier::any, errc::value_out_of_range, 17);
  require_error("imageMogr2/cut/10001x10x0x0", rule_carrier::any, errc::value_out_of_range, 15);
  require_error("imageMogr2/scrop/100x20000", rule_carrier::any, errc::value_out_of_range, 21);
  require_error("imageView2/1/w/10001", rule_carrier::any, errc::value_out_of_range, 15);
  CHECK(parse_rule("imageMogr2/thumbnail/250000000@"));     // an area, not a side
  CHECK(parse_rule("imageMogr2/cut/100x100x20000x20000"));  // offsets, not sides
}

TEST_CASE("blind watermark version and level", "[cos][rule]") {
  const std::string image = "/image/aHR0cDovL2EuY29tL3guanBn";
  CHECK(parse_rule("watermark/3/type/2" + image + "/level/0"));
  CHECK(parse_rule("watermark/3/type/2" + image + "/version/1.0/level/3"));
  CHECK(parse_rule("watermark/3/type/3/text/dA/version/3.0/level/1"));
  require_error("watermark/3/type/2" + image + "/version/2.0/level/1", rule_carrier::any,
                errc::conflicting_parameters, 62);
  require_error("watermark/3/type/3/text/dA/version/1.0/level/1", rule_carrier::any,
                errc::conflicting_parameters, 39);
  require_error("watermark/3/type/1" + image + "/level/1", rule_carrier::any,
                errc::conflicting_parameters, 50);
  require_error("watermark/3/type/1" + image + "/version/1.0", rule_carrier::any,
                errc::conflicting_parameters, 50);
  require_error("watermark/4/type/2" + image + "/version/3.0", rule_carrier::any,
                errc::conflicting_parameters, 50);
  require_error("watermark/3/type/2" + image + "/level/4", rule_carrier::any,
                errc::invalid_enum_value, 56);
  CHECK(parse_rule("watermark/4/type/2" + image + "/version/2.0"));
}

TEST_CASE("unchecked_rule: structure and placement, not the vocabulary", "[cos][rule][unchecked]") {
  // Unknown operations and keys: refused strictly, accepted unchecked, verbatim.
  CHECK(parse_rule("imageMogr2/zoom/2").error().code == errc::unknown_parameter);
  CHECK(parse_rule("ci-process=AIImageCrop&width=200").error().code == errc::unknown_operation);
  const auto loose = unchecked_rule("ci-process=AIImageCrop&width=200&height=150").value();
  CHECK(loose.is_unchecked());
  CHECK(loose.view() == "ci-process=AIImageCrop&width=200&height=150");
  CHECK(unchecked_rule("imageMogr2/zoom/2|imageMogr3/x/y/")->view() ==
        "imageMogr2/zoom/2|imageMogr3/x/y");
  CHECK_FALSE(parse_rule("imageMogr2/rotate/90")->is_unchecked());
  // Strict and unchecked rules of the same text are different values.
  CHECK(unchecked_rule("imageMogr2/rotate/90").value() !=
        parse_rule("imageMogr2/rotate/90").value());
  // Structure.
  const auto code_at = [](std::string_view text) {
    const auto r = unchecked_rule(text);
    REQUIRE_FALSE(r.has_value());
    return std::pair{r.error().code, r.error().offset};
  };
  CHECK(code_at("") == std::pair{errc::empty_style, std::size_t{0}});
  CHECK(code_at("imageMogr2/x\r\n/y") == std::pair{errc::unexpected_value, std::size_t{12}});
  CHECK(code_at("imageMogr2/x\n") == std::pair{errc::unexpected_value, std::size_t{12}});
  CHECK(code_at(std::string_view("a/b\0c", 5)) ==
        std::pair{errc::unexpected_value, std::size_t{3}});
  CHECK(code_at("imageMogr2/a b") == std::pair{errc::unexpected_value, std::size_t{12}});
  CHECK(code_at("imageMogr2/\x7f") == std::pair{errc::unexpected_value, std::size_t{11}});
  CHECK(code_at("imageMogr2/\xc3\xa9") == std::pair{errc::unexpected_value, std::size_t{11}});
  CHECK(code_at("imageMogr2//x") == std::pair{errc::empty_operation, std::size_t{11}});
  CHECK(code_at("/x") == std::pair{errc::empty_operation, std::size_t{0}});
  CHECK(code_at("a||b") == std::pair{errc::empty_operation, std::size_t{2}});
  CHECK(code_at("a/b//") == std::pair{errc::empty_operation, std::size_t{4}});
  std::string eleven = "a/b";
  for (int i = 1; i < 11; ++i) eleven += "|a/b";
  CHECK(code_at(eleven) == std::pair{errc::too_many_rules, std::size_t{40}});
  CHECK(unchecked_rule(eleven.substr(0, 39))->rules() == 10);
  // Placement of the operations the vocabulary knows.
  CHECK(unchecked_rule("watermark/4/type/9", rule_carrier::download_url).error().code ==
        errc::misplaced_operation);
  CHECK(unchecked_rule("QRcode/whatever/1", rule_carrier::cloud_process).error().code ==
        errc::misplaced_operation);
  CHECK(unchecked_rule("a/b|imageInfo", rule_carrier::upload).error().offset == 4);
  CHECK(unchecked_rule("style/x", rule_carrier::download_url).error().code ==
        errc::misplaced_operation);
  // Builders' appended() keeps the mode.
  CHECK(loose.appended("|x/y").is_unchecked());
  CHECK_FALSE(loose.appended("|x/y").has_error());
  STATIC_REQUIRE(unchecked_rule("x/y/").value() == std::string_view("x/y"));
}

TEST_CASE("checked literals stay strict", "[cos][rule][literal]") {
  using namespace objproc::literals;
  constexpr objproc::cos::rule_string qr = "QRcode/cover/1"_ci;
  STATIC_REQUIRE_FALSE(qr.get().is_unchecked());
  constexpr objproc::cos::rule_string slash = "imageMogr2/thumbnail/200x/"_ci;
  STATIC_REQUIRE(slash.get() == std::string_view("imageMogr2/thumbnail/200x"));
}

TEST_CASE("Pic-Operations checks each rule for its carrier", "[cos][pic_operations][carrier]") {
  using objproc::cos::pic_operations;
  using objproc::cos::to_json;
  const pic_operations qr{.rules = {{.fileid = "qr.jpg", .rule = "QRcode/cover/1"}}};
  CHECK(to_json(qr).value() ==
        R"({"is_pic_info":0,"rules":[{"fileid":"qr.jpg","rule":"QRcode/cover/1"}]})");
  CHECK(to_json(qr, rule_carrier::upload));
  CHECK(to_json(qr, rule_carrier::cloud_process).error().code == errc::misplaced_operation);
  CHECK(to_json(qr, rule_carrier::download_url).error().code == errc::misplaced_operation);
  const pic_operations info{.rules = {{.fileid = "i.json", .rule = "imageInfo"}}};
  CHECK(to_json(info).error().code == errc::misplaced_operation);
  // An unchecked rule stays unchecked, a strict one strict.
  pic_operations ai{.rules = {{.fileid = "crop.jpg", .rule = "ci-process=AIImageCrop&width=200"}}};
  CHECK(to_json(ai).error().code == errc::unknown_operation);
  ai.rules[0].unchecked = true;
  const auto json = to_json(ai, rule_carrier::cloud_process).value();
  CHECK(
      json ==
      R"({"is_pic_info":0,"rules":[{"fileid":"crop.jpg","rule":"ci-process=AIImageCrop&width=200"}]})");
  CHECK(objproc::cos::parse_pic_operations(json).error().code == errc::unknown_operation);
  const auto back = objproc::cos::parse_pic_operations(
      json, {.where = rule_carrier::cloud_process, .unchecked = true});
  REQUIRE(back.has_value());
  CHECK(*back == ai);
  ai.rules[0].rule = "a/b\nc";
  CHECK(to_json(ai).error().code == errc::unexpected_value);
  // '"' and '\\' pass an unchecked rule; the JSON writer escapes them, the reader restores them.
  ai.rules[0].rule = R"(x/"}],"is_pic_info":1,"y":"\)";
  const auto escaped = to_json(ai).value();
  CHECK(
      escaped ==
      R"({"is_pic_info":0,"rules":[{"fileid":"crop.jpg","rule":"x/\"}],\"is_pic_info\":1,\"y\":\"\\"}]})");
  CHECK(objproc::cos::parse_pic_operations(escaped, {.unchecked = true}).value() == ai);
  CHECK(objproc::cos::parse_pic_operations(R"({"rules":[{"fileid":"a","rule":"QRcode/cover/1"}]})",
                                           {.where = rule_carrier::cloud_process})
            .error()
            .code == errc::misplaced_operation);
}

TEST_CASE("builders: format svgc and blind-watermark versions", "[cos][builder]") {
  namespace ci = objproc::cos;
  CHECK(ci::image_mogr2{.format = ci::image_format::svgc}.str() ==
        std::string_view("imageMogr2/format/svgc"));
  CHECK(ci::blind_watermark{
            .type = ci::blind_type::text, .text = "mark test", .version = ci::blind_version::v3_0}
            .str() == std::string_view("watermark/3/type/3/text/bWFyayB0ZXN0/version/3.0"));
  CHECK(
      ci::blind_watermark{
          .type = ci::blind_type::text, .text = "t", .level = 0, .version = ci::blind_version::v2_0}
          .str() == std::string_view("watermark/3/type/3/text/dA/level/0/version/2.0"));
  CHECK(
      ci::extract_blind_watermark{.type = ci::blind_type::text, .version = ci::blind_version::v3_0}
          .str() == std::string_view("watermark/4/type/3/version/3.0"));
  const auto type2 = ci::blind_watermark{.type = ci::blind_type::full_blind,
                                         .image = "http://a.com/x.jpg",
                                         .version = ci::blind_version::v3_0}
                         .str();
  CHECK(type2.error().code == errc::conflicting_parameters);
  CHECK(ci::extract_blind_watermark{.type = ci::blind_type::text,
                                    .version = static_cast<ci::blind_version>(9)}
            .str()
            .error()
            .code == errc::invalid_enum_value);
}

TEST_CASE("'|' with an unchecked rule makes an unchecked pipeline", "[cos][builder][unchecked]") {
  const auto strict = parse_rule("imageMogr2/rotate/90").value();
  const auto loose = unchecked_rule("ci-process=AIImageColoring").value();
  const auto both = strict | loose;
  REQUIRE_FALSE(both.has_error());
  CHECK(both.is_unchecked());
  CHECK(both.view() == "imageMogr2/rotate/90|ci-process=AIImageColoring");
  CHECK((loose | strict).is_unchecked());
  CHECK_FALSE((strict | strict).is_unchecked());
}
