// SPDX-License-Identifier: MIT
// Tests objproc/core/xml.hpp: the strict XML reader (tree shape, text, attributes, references,
// CDATA, comments, declarations) and its refusals (DTD, unknown entities, mismatched and
// unterminated constructs, invalid UTF-8, depth), each with its byte offset.
#include "objproc/core/xml.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

using namespace objproc;
using namespace std::string_literals;

namespace {

xml::element parsed(std::string_view text) {
  INFO(text);
  auto v = xml::parse(text);
  INFO((v ? std::string() : to_string(v.error())));
  REQUIRE(v.has_value());
  return *v;
}

void require_error(std::string_view text, errc code, std::size_t offset,
                   xml::parse_options options = {}) {
  INFO(text);
  const auto v = xml::parse(text, options);
  REQUIRE_FALSE(v.has_value());
  INFO(to_string(v.error()));
  CHECK(v.error().code == code);
  CHECK(v.error().offset == offset);
  CHECK_FALSE(v.error().detail.empty());
}

}  // namespace

TEST_CASE("xml: a tree of elements with text, in document order", "[xml]") {
  const auto root = parsed("<a><b>one</b><c/><b>two</b></a>");
  CHECK(root.name() == "a");
  CHECK(root.text().empty());
  REQUIRE(root.elements().size() == 3);
  CHECK(root.elements()[1].name() == "c");
  CHECK(root.elements()[1].elements().empty());
  REQUIRE(root.child("b") != nullptr);
  CHECK(root.child("b")->text() == "one");
  CHECK(root.child("missing") == nullptr);
  const auto bs = root.children("b");
  REQUIRE(bs.size() == 2);
  CHECK(bs[0]->text() == "one");
  CHECK(bs[1]->text() == "two");
  CHECK(root.count("b") == 2);
  CHECK(root.count("c") == 1);
  CHECK(root.children("none").empty());
  CHECK(root.offset() == 0);
  CHECK(root.content_offset() == 3);
  CHECK(root.elements()[0].offset() == 3);
  CHECK(root.elements()[0].content_offset() == 6);
}

TEST_CASE("xml: whitespace and mixed content are kept as text", "[xml]") {
  const auto root = parsed("<a>\n  x<b> y </b>z\n</a>");
  CHECK(root.text() == "\n  xz\n");
  CHECK(root.child("b")->text() == " y ");
}

TEST_CASE("xml: line ends are normalised", "[xml]") {
  CHECK(parsed("<a>1\r\n2\r3\n4</a>").text() == "1\n2\n3\n4");
  CHECK(parsed("<a><![CDATA[x\r\ny]]></a>").text() == "x\ny");
}

TEST_CASE("xml: predefined entities and character references", "[xml]") {
  CHECK(parsed("<a>&lt;&gt;&amp;&quot;&apos;</a>").text() == "<>&\"'");
  CHECK(parsed("<ETag>&quot;abc&quot;</ETag>").text() == "\"abc\"");
  CHECK(parsed("<a>&#65;&#x42;&#x0043;&#0000068;</a>").text() == "ABCD");
  CHECK(parsed("<a>&#xE9;&#x4E2D;&#x1F600;</a>").text() == "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
  CHECK(parsed("<a>&#9;&#10;&#13;</a>").text() == "\t\n\r");
}

TEST_CASE("xml: CDATA sections and comments", "[xml]") {
  CHECK(parsed("<a>x<![CDATA[<b>&amp;]]>y</a>").text() == "x<b>&amp;y");
  CHECK(parsed("<a><![CDATA[]]></a>").text().empty());
  const auto root = parsed("<!-- before --><a><!-- inside <b> -->t<!---->u</a><!-- after -->");
  CHECK(root.text() == "tu");
  CHECK(root.elements().empty());
}

TEST_CASE("xml: declaration, processing instructions, byte order mark", "[xml]") {
  CHECK(parsed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>").name() == "a");
  CHECK(parsed("<?xml version='1.0' encoding='utf-8' ?>\n<a/>").name() == "a");
  CHECK(parsed("\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>").name() == "a");
  CHECK(parsed("<?pi data?><a><?other?>x</a><?tail ?>").text() == "x");
  CHECK(parsed("  \n<a/>\n  ").name() == "a");
}

TEST_CASE("xml: attributes are parsed", "[xml]") {
  const auto root =
      parsed("<a x=\"1\" y = 'two &amp; &#51;' xmlns:ns=\"urn:x\"><ns:b k=\"\"/></a>");
  REQUIRE(root.attributes().size() == 3);
  CHECK(root.attributes()[0].name == "x");
  CHECK(root.attributes()[0].value == "1");
  CHECK(root.attributes()[0].offset == 3);
  REQUIRE(root.find_attribute("y") != nullptr);
  CHECK(root.find_attribute("y")->value == "two & 3");
  CHECK(root.find_attribute("z") == nullptr);
  REQUIRE(root.child("ns:b") != nullptr);
  CHECK(root.child("ns:b")->find_attribute("k")->value.empty());
  CHECK(parsed("<a v=\"1\t2\n3\"/>").find_attribute("v")->value == "1 2 3");
}

TEST_CASE("xml: UTF-8 names and text", "[xml]") {
  const auto root = parsed("<键>dir/中文 a.jpg</键>");
  CHECK(root.name() == "键");
  CHECK(root.text() == "dir/中文 a.jpg");
}

TEST_CASE("xml: equality ignores offsets", "[xml]") {
  CHECK(parsed("<a><b>x</b></a>") == parsed("<?xml version=\"1.0\"?>\n<a><b>x</b></a>\n"));
  CHECK_FALSE(parsed("<a><b>x</b></a>") == parsed("<a><b>y</b></a>"));
}

TEST_CASE("xml: document type declarations and unknown entities are refused", "[xml]") {
  require_error("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", errc::invalid_xml, 0);
  require_error("<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"x\"><a/>", errc::invalid_xml, 22);
  require_error("<a><!DOCTYPE a></a>", errc::invalid_xml, 3);
  require_error("<a><!ELEMENT a ANY></a>", errc::invalid_xml, 3);
  require_error("<a>&e;</a>", errc::invalid_xml, 3);
  require_error("<a>x&nbsp;</a>", errc::invalid_xml, 4);
  require_error("<a>&amp</a>", errc::invalid_xml, 3);
  require_error("<a>& x;</a>", errc::invalid_xml, 3);
  require_error("<a>&;</a>", errc::invalid_xml, 3);
  require_error("<a>&#;</a>", errc::invalid_xml, 3);
  require_error("<a>&#x;</a>", errc::invalid_xml, 3);
  require_error("<a>&#12a;</a>", errc::invalid_xml, 3);
  require_error("<a>&#xG;</a>", errc::invalid_xml, 3);
  require_error("<a>&#0;</a>", errc::invalid_xml, 3);
  require_error("<a>&#x1F;</a>", errc::invalid_xml, 3);
  require_error("<a>&#xD800;</a>", errc::invalid_xml, 3);
  require_error("<a>&#xFFFE;</a>", errc::invalid_xml, 3);
  require_error("<a>&#x110000;</a>", errc::invalid_xml, 3);
  require_error("<a>&#99999999999999999999;</a>", errc::invalid_xml, 3);
  require_error("<a b=\"&e;\"/>", errc::invalid_xml, 6);
}

TEST_CASE("xml: mismatched and unterminated constructs", "[xml]") {
  require_error("<a><b></a></b>", errc::invalid_xml, 6);
  require_error("<a></A>", errc::invalid_xml, 3);
  require_error("<a></ab>", errc::invalid_xml, 3);
  require_error("<a>", errc::invalid_xml, 3);
  require_error("<a><b>x</b>", errc::invalid_xml, 11);
  require_error("<a", errc::invalid_xml, 2);
  require_error("<a x=\"1", errc::invalid_xml, 7);
  require_error("<a x=1/>", errc::invalid_xml, 5);
  require_error("<a x/>", errc::invalid_xml, 4);
  require_error("<a x=\"1\"y=\"2\"/>", errc::invalid_xml, 8);
  require_error("<a x=\"1\" x=\"2\"/>", errc::invalid_xml, 9);
  require_error("<a x=\"<\"/>", errc::invalid_xml, 6);
  require_error("<a></a", errc::invalid_xml, 6);
  require_error("<a></a x>", errc::invalid_xml, 7);
  require_error("<a><!-- x</a>", errc::invalid_xml, 13);
  require_error("<a><!-- x -- y --></a>", errc::invalid_xml, 10);
  require_error("<a><![CDATA[x</a>", errc::invalid_xml, 17);
  require_error("<a>x]]>y</a>", errc::invalid_xml, 4);
  require_error("<?xml version=\"1.0\"", errc::invalid_xml, 19);
  require_error("<a><?pi x</a>", errc::invalid_xml, 13);
  require_error("<a/ >", errc::invalid_xml, 2);
  require_error("<1a/>", errc::invalid_xml, 0);
  require_error("< a/>", errc::invalid_xml, 0);
}

TEST_CASE("xml: the document holds exactly one root element", "[xml]") {
  require_error("", errc::invalid_xml, 0);
  require_error("   ", errc::invalid_xml, 3);
  require_error("text", errc::invalid_xml, 0);
  require_error("<?xml version=\"1.0\"?>", errc::invalid_xml, 21);
  require_error("<a/><b/>", errc::invalid_xml, 4);
  require_error("<a/>x", errc::invalid_xml, 4);
  require_error("<a/>&amp;", errc::invalid_xml, 4);
  require_error("<!-- only a comment -->", errc::invalid_xml, 23);
}

TEST_CASE("xml: the declaration only comes first", "[xml]") {
  require_error(" <?xml version=\"1.0\"?><a/>", errc::invalid_xml, 1);
  require_error("<a/><?xml version=\"1.0\"?>", errc::invalid_xml, 4);
  require_error("<a><?xml version=\"1.0\"?></a>", errc::invalid_xml, 3);
  require_error("<?XML version=\"1.0\"?><a/>", errc::invalid_xml, 0);
  require_error("<?xml?><a/>", errc::invalid_xml, 5);
  require_error("<?xml encoding=\"UTF-8\"?><a/>", errc::invalid_xml, 6);
  CHECK(xml::parse("<?xmlpi data?><a/>").has_value());  // another target
  require_error("<?pi\x01?><a/>", errc::invalid_xml, 4);
}

TEST_CASE("xml: invalid UTF-8 and control characters", "[xml]") {
  require_error("<a>\xC3</a>", errc::invalid_utf8, 3);
  require_error("<a>ok\xFF</a>", errc::invalid_utf8, 5);
  require_error("<a>\xED\xA0\x80</a>", errc::invalid_utf8, 3);
  require_error("<a x=\"\xC0\xAF\"/>", errc::invalid_utf8, 6);
  require_error("<a>\x01</a>", errc::invalid_xml, 3);
  require_error("<a>x\0y</a>"s, errc::invalid_xml, 4);
}

TEST_CASE("xml: nesting deeper than max_depth is refused", "[xml]") {
  std::string deep;
  for (int i = 0; i < 64; ++i) deep += "<a>";
  for (int i = 0; i < 64; ++i) deep += "</a>";
  CHECK(xml::parse(deep).has_value());
  require_error("<a>" + deep + "</a>", errc::xml_too_deep, 64 * 3);
  require_error("<a><b/></a>", errc::xml_too_deep, 3, xml::parse_options{1});
  CHECK(xml::parse("<a/>", xml::parse_options{1}).has_value());
  require_error("<a/>", errc::xml_too_deep, 0, xml::parse_options{0});

  std::string hostile;  // far deeper than any stack would allow without the limit
  for (int i = 0; i < 100000; ++i) hostile += "<a>";
  require_error(hostile, errc::xml_too_deep, 64 * 3);
}

TEST_CASE("xml: every prefix of a valid document is refused, never a crash", "[xml]") {
  const std::string_view doc =
      "<?xml version=\"1.0\"?><R a=\"1\"><!-- c --><K>&quot;x&#x41;</K><![CDATA[d]]><E/></R>";
  REQUIRE(xml::parse(doc).has_value());
  for (std::size_t n = 0; n < doc.size(); ++n) {
    const auto v = xml::parse(doc.substr(0, n));
    INFO(doc.substr(0, n));
    REQUIRE_FALSE(v.has_value());
    CHECK(v.error().offset <= n);
  }
}

TEST_CASE("xml: leaf helpers", "[xml]") {
  const auto root = parsed(
      "<r><s>x</s><n>42</n><d>1</d><d>2</d><m><x/></m><big>4294967296</big>"
      "<bad>1a</bad><empty/></r>");
  auto s = detail::xml_leaf_text(root, "s", true);
  REQUIRE(s.has_value());
  CHECK(*s == "x");
  auto absent = detail::xml_leaf_text(root, "zz", false);
  REQUIRE(absent.has_value());
  CHECK(absent->empty());
  CHECK(detail::xml_leaf_text(root, "zz", true).error().code == errc::missing_key);
  CHECK(detail::xml_leaf_text(root, "d", false).error().code == errc::duplicate_key);
  CHECK(detail::xml_leaf_text(root, "m", false).error().code == errc::wrong_type);
  auto n = detail::xml_leaf_uint(root, "n", true, 100);
  REQUIRE(n.has_value());
  CHECK(*n == 42);
  CHECK(detail::xml_leaf_uint(root, "n", true, 41).error().code == errc::value_out_of_range);
  CHECK(detail::xml_leaf_uint(root, "big", true, 0xFFFFFFFF).error().code ==
        errc::value_out_of_range);
  CHECK(*detail::xml_leaf_uint(root, "big", true, ~std::uint64_t{0}) == 4294967296);
  CHECK(detail::xml_leaf_uint(root, "bad", true, 100).error().code == errc::invalid_number);
  CHECK(detail::xml_leaf_uint(root, "empty", true, 100).error().code == errc::invalid_number);
  CHECK(*detail::xml_leaf_uint(root, "zz", false, 100) == 0);
}
