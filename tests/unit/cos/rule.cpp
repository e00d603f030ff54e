// SPDX-License-Identifier: MIT
// Tests objproc/cos/rule.hpp: the CI rule grammar, every COS example of style-spec §10, errors
// with offsets, canonical text and the checked literal.
#include "objproc/cos/rule.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "objproc/core/diagnostic.hpp"

using objproc::errc;
using objproc::cos::parse_rule;

namespace {
std::string canonical(std::string_view text) {
  auto r = parse_rule(text);
  if (!r) return "error: " + objproc::render_diagnostic(text, r.error());
  return std::string(r->view());
}
void require_error(std::string_view text, errc code, std::size_t offset) {
  INFO(text);
  const auto r = parse_rule(text);
  REQUIRE_FALSE(r.has_value());
  INFO(objproc::render_diagnostic(text, r.error()));
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
}
}  // namespace

TEST_CASE("style-spec §10: every valid COS example parses and is canonical", "[cos][rule]") {
  const char* examples[] = {
      "imageMogr2/thumbnail/!50p",
      "imageMogr2/thumbnail/!50px",
      "imageMogr2/thumbnail/!x50p",
      "imageMogr2/thumbnail/200x",
      "imageMogr2/thumbnail/x300",
      "imageMogr2/thumbnail/200x300",
      "imageMogr2/thumbnail/200x300>",
      "imageMogr2/thumbnail/200x300<",
      "imageMogr2/thumbnail/!200x300r",
      "imageMogr2/thumbnail/200x400!",
      "imageMogr2/thumbnail/35000@",
      "imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA",
      "imageMogr2/cut/600x600x100x10",
      "imageMogr2/crop/300x400/gravity/center",
      "imageMogr2/iradius/200",
      "imageMogr2/rradius/100",
      "imageMogr2/scrop/100x600",
      "imageMogr2/blur/8x5",
      "imageMogr2/sharpen/70",
      "imageMogr2/bright/70",
      "imageMogr2/contrast/-50",
      "imageMogr2/grayscale/1",
      "imageMogr2/strip/format/jpg/size-limit/15k!",
      "imageMogr2/format/avif",
      "imageMogr2/rotate/90/auto-orient/flip/vertical",
      "imageMogr2/quality/90!/interlace/1",
      "imageMogr2/rquality/60/lquality/40/cgif/20",
      "imageMogr2/thumbnail/!50p/ignore-error/1",
      "imageView2/1/w/400/h/600/q/85",
      "imageView2/format/png",
      "imageView2/5/w/100/q/90!/rq/80",
      "watermark/1/image/"
      "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/"
      "gravity/southeast/batch/1/degree/45/dissolve/40",
      "watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/IzNEM0QzRA/fontsize/20/dissolve/50/"
      "gravity/northeast/dx/20/dy/20/batch/1/degree/45",
      "watermark/3/type/1/image/"
      "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn",
      "watermark/3/type/3/text/5pWw5o2u5LiH6LGh",
      "watermark/4/type/2/image/"
      "aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn",
      "style/yunstyle",
  };
  for (const char* text : examples) {
    INFO(text);
    CHECK(canonical(text) == text);
  }
  // The pipeline example keeps its padding in the docs; canonical text drops it.
  CHECK(canonical("imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg==/"
                  "fontsize/30/dx/20/dy/20") ==
        "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg/fontsize/30/"
        "dx/20/dy/20");
  CHECK(parse_rule("imageMogr2/thumbnail/!50p|imageView2/format/png")->rules() == 2);
  // Gravity names are case-insensitive; canonical text is lower case.
  CHECK(canonical("imageMogr2/crop/300x400/gravity/SouthEast") ==
        "imageMogr2/crop/300x400/gravity/southeast");
  // operations.json vectors.
  CHECK(canonical("imageMogr2/thumbnail/!50p/format/webp") ==
        "imageMogr2/thumbnail/!50p/format/webp");
  CHECK(canonical("watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast") ==
        "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast");
}

TEST_CASE("CI rule grammar errors carry the offset of the offending byte", "[cos][rule]") {
  require_error("", errc::empty_style, 0);
  require_error("imageMogr3/thumbnail/!50p", errc::unknown_operation, 0);
  require_error("imageMogr2", errc::missing_parameter, 10);
  require_error("imageMogr2/", errc::empty_operation, 11);
  require_error("imageMogr2/thumbnail", errc::missing_value, 20);
  require_error("imageMogr2/thumbnail/", errc::missing_value, 21);
  require_error("imageMogr2/zoom/2", errc::unknown_parameter, 11);
  require_error("imageMogr2/rotate/90/rotate/45", errc::duplicate_parameter, 21);
  require_error("imageMogr2/rotate/361", errc::value_out_of_range, 18);
  require_error("imageMogr2/rotate/-1", errc::value_out_of_range, 18);
  require_error("imageMogr2/thumbnail/!50q", errc::invalid_dimensions, 24);
  require_error("imageMogr2/thumbnail/0x100", errc::value_out_of_range, 21);
  require_error("imageMogr2/thumbnail/x", errc::invalid_dimensions, 21);
  require_error("imageMogr2/thumbnail/200y300", errc::invalid_dimensions, 28);
  require_error("imageMogr2/thumbnail/!x50", errc::invalid_dimensions, 24);
  require_error("imageMogr2/cut/600x600x100", errc::invalid_dimensions, 26);
  require_error("imageMogr2/cut/600x600x100x10x5", errc::invalid_dimensions, 29);
  require_error("imageMogr2/crop/300x400/gravity/middle", errc::invalid_enum_value, 32);
  require_error("imageMogr2/flip/diagonal", errc::invalid_enum_value, 16);
  require_error("imageMogr2/format/jxl", errc::invalid_enum_value, 18);
  require_error("imageMogr2/quality/101", errc::value_out_of_range, 19);
  require_error("imageMogr2/quality/90!!", errc::invalid_number, 21);
  require_error("imageMogr2/rquality/90!", errc::invalid_number, 22);
  require_error("imageMogr2/blur/51x5", errc::value_out_of_range, 16);
  require_error("imageMogr2/blur/5", errc::invalid_dimensions, 17);
  require_error("imageMogr2/sharpen/5", errc::value_out_of_range, 19);
  require_error("imageMogr2/cgif/0", errc::value_out_of_range, 16);
  require_error("imageMogr2/size-limit/15g", errc::invalid_dimensions, 24);
  require_error("imageMogr2/pad/1", errc::missing_parameter, 11);  // pad needs a thumbnail
  require_error("imageMogr2/thumbnail/600x600/color/IzNEM0QzRA", errc::missing_parameter, 29);
  require_error("imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0Qz", errc::invalid_color, 41);
  require_error("imageMogr2/ignore-error/0", errc::invalid_enum_value, 24);
  require_error("imageView2/0/w/100", errc::invalid_enum_value, 11);  // no mode 0 for COS
  require_error("imageView2/6/w/100", errc::invalid_enum_value, 11);
  require_error("imageView2/1/w/0", errc::value_out_of_range, 15);
  require_error("imageView2/1/format/tiff", errc::invalid_enum_value, 20);
  require_error("watermark/5/type/1", errc::invalid_enum_value, 10);
  require_error("watermark/1/gravity/center", errc::missing_parameter, 0);  // image required
  require_error("watermark/1/image/aHR0cHM6Ly9hLmNvbS94LmpwZw", errc::invalid_base64_value,
                18);  // https
  require_error("watermark/1/image/aHR0cDovL2EuY29tL3guanBn/degree/45", errc::missing_parameter,
                43);
  require_error("watermark/1/image/aHR0cDovL2EuY29tL3guanBn/spcent/10", errc::missing_parameter,
                43);
  require_error("watermark/1/image/aHR0cDovL2EuY29tL3guanBn/scatype/3/spcent/300",
                errc::value_out_of_range, 53);
  require_error("watermark/2/fontsize/20", errc::missing_parameter, 0);         // text required
  require_error("watermark/2/text/5pWw+5o2u", errc::invalid_base64_value, 21);  // standard b64
  require_error("watermark/3/type/3", errc::missing_parameter, 0);              // type 3 needs text
  require_error("watermark/3/type/1/text/dA", errc::missing_parameter, 0);  // type 1 needs image
  require_error("watermark/3/type/3/text/dA/level/2", errc::conflicting_parameters, 27);
  require_error("style/", errc::invalid_style_name, 6);
  require_error("style/a/b", errc::misplaced_operation, 7);
  require_error("style/a b", errc::invalid_style_name, 7);
  require_error("imageMogr2/thumbnail/!50p||imageView2/format/png", errc::empty_operation, 26);
}

TEST_CASE("a pipeline has at most 10 rules", "[cos][rule]") {
  std::string ten = "imageMogr2/rotate/90";
  for (int i = 1; i < 10; ++i) ten += "|imageMogr2/rotate/90";
  CHECK(parse_rule(ten)->rules() == 10);
  require_error(ten + "|imageMogr2/rotate/90", errc::too_many_rules, ten.size() + 1);
}

TEST_CASE("canonical text is a fixed point and the diagnostic points at the byte", "[cos][rule]") {
  const auto once =
      parse_rule("watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg==/gravity/NorthWest").value();
  CHECK(parse_rule(once.view()).value() == once);
  CHECK(objproc::cos::to_string(once) ==
        "watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg/gravity/northwest");
  const std::string_view text = "imageMogr2/rotate/400";
  CHECK(objproc::render_diagnostic(text, parse_rule(text).error()) ==
        "imageMogr2/rotate/400\n                  ^ value out of range: above the maximum");
}

TEST_CASE("checked CI literals", "[cos][rule][literal]") {
  using namespace objproc::literals;
  constexpr objproc::cos::rule_string literal = "imageMogr2/thumbnail/!50p"_ci;
  STATIC_REQUIRE(literal.view() == "imageMogr2/thumbnail/!50p");
  STATIC_REQUIRE(literal.get() == std::string_view("imageMogr2/thumbnail/!50p"));
  constexpr objproc::cos::rule_string direct = "imageView2/1/w/400/h/600/q/85";
  STATIC_REQUIRE(direct.get().rules() == 1);
  STATIC_REQUIRE(parse_rule("style/a").value().is_reference());
  CHECK(parse_rule(objproc::cos::runtime_rule{"imageMogr2/rotate/999"}.text).error().code ==
        errc::value_out_of_range);
}

TEST_CASE("CI operations need something to do; any rule accepts ignore-error", "[cos][rule]") {
  require_error("imageView2", errc::missing_parameter, 10);
  CHECK(canonical("imageView2/2") == "imageView2/2");  // the mode alone is a template
  require_error("imageView2/-1/w/10", errc::invalid_enum_value, 11);
  CHECK(canonical("watermark/3/type/3/text/dA/ignore-error/1") ==
        "watermark/3/type/3/text/dA/ignore-error/1");
  CHECK(canonical("watermark/4/type/3/ignore-error/1") == "watermark/4/type/3/ignore-error/1");
}

TEST_CASE("a checked literal converts to its rule and to its canonical text",
          "[cos][rule][literal]") {
  using namespace objproc::literals;
  constexpr objproc::cos::rule converted = "imageMogr2/thumbnail/!50p/"_ci;
  STATIC_REQUIRE(converted.view() == "imageMogr2/thumbnail/!50p");
  const std::string text = "imageMogr2/thumbnail/!50p/"_ci;  // the canonical form
  CHECK(text == "imageMogr2/thumbnail/!50p");
  CHECK(parse_rule(text).value().view() == converted.view());
  // At run time too, the value kept from the compile-time parse, equal to a parse's.
  const objproc::cos::rule kept = "imageMogr2/thumbnail/!50p/"_ci;
  CHECK(kept == parse_rule("imageMogr2/thumbnail/!50p/").value());
  CHECK(kept.rules() == parse_rule("imageMogr2/thumbnail/!50p/").value().rules());
}
