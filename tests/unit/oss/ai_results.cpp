// SPDX-License-Identifier: MIT
// Tests the image-intelligence and smart-document answers of objproc/oss/results.hpp against
// the documented samples (docs/vocabulary/oss.md names them; where a sample is not valid JSON or
// was cut short in the documentation, the comment says what was completed).
#include <catch2/catch.hpp>

#include <string_view>

#include "objproc/oss/results.hpp"

namespace oss = objproc::oss;
using objproc::errc;

TEST_CASE("image/score: ImageScore.OverallQualityScore", "[oss][results][ai]") {
  // "DetectImageScore" (IMM API) example; "Image quality assessment" names the one field.
  const auto r = oss::parse_image_score(
      R"({ "RequestId": "6E93D6C9-5AC0-49F9-914D-E02678D3****",
           "ImageScore": { "OverallQualityScore": 0.6 } })");
  REQUIRE(r.has_value());
  CHECK(r->request_id == "6E93D6C9-5AC0-49F9-914D-E02678D3****");
  CHECK(r->overall_quality_score == Approx(0.6));
  // RequestId is optional (the OSS page states only ImageScore); the score is not.
  CHECK(oss::parse_image_score(R"({"ImageScore":{"OverallQualityScore":1}})")
            ->overall_quality_score == 1.0);
  CHECK(oss::parse_image_score(R"({"ImageScore":{"OverallQualityScore":1.5}})").error().code ==
        errc::value_out_of_range);
  CHECK(oss::parse_image_score(R"({"ImageScore":{"OverallQualityScore":"0.6"}})").error().code ==
        errc::wrong_type);
  CHECK(oss::parse_image_score(R"({"ImageScore":{}})").error().code == errc::missing_key);
  CHECK(oss::parse_image_score(R"({"RequestId":"x"})").error().code == errc::missing_key);
  CHECK(oss::parse_image_score(R"({"RequestId":1,"ImageScore":{"OverallQualityScore":0}})")
            .error()
            .code == errc::wrong_type);
  CHECK(oss::parse_image_score("[]").error().code == errc::wrong_type);
  CHECK(oss::parse_image_score(R"({"ImageScore":{"OverallQualityScore":0.6})").error().code ==
        errc::invalid_json);
}

TEST_CASE("image/codes: the DetectImageCodes example", "[oss][results][ai]") {
  const auto r = oss::parse_image_codes(
      R"({ "Codes": [ { "Content": "https://www.example.com", "Confidence": 0.9,
                        "Boundary": { "Width": 200, "Height": 300, "Left": 10, "Top": 30,
                                      "Polygon": [ { "X": 10, "Y": 10 } ] },
                        "Type": "qrcode" } ],
           "RequestId": "6E93D6C9-5AC0-49F9-914D-E02678D3****" })");
  REQUIRE(r.has_value());
  REQUIRE(r->codes.size() == 1);
  CHECK(r->codes[0].content == "https://www.example.com");
  CHECK(r->codes[0].type == "qrcode");
  CHECK(r->codes[0].confidence == Approx(0.9));
  CHECK(r->codes[0].boundary == oss::image_box{.left = 10, .top = 30, .width = 200, .height = 300});
  CHECK(r->request_id == "6E93D6C9-5AC0-49F9-914D-E02678D3****");
  CHECK(oss::parse_image_codes(R"({"Codes":[]})")->codes.empty());
  CHECK(oss::parse_image_codes(R"({"Codes":[{"Type":"qrcode"}]})").error().code ==
        errc::missing_key);
  CHECK(oss::parse_image_codes(R"({"Codes":{}})").error().code == errc::wrong_type);
  CHECK(oss::parse_image_codes(R"({"Codes":[{"Content":"a","Boundary":{"Left":-1}}]})")
            .error()
            .code == errc::value_out_of_range);
}

TEST_CASE("image/labels: the DetectImageLabels Label structure", "[oss][results][ai]") {
  // No verbatim example was retrieved: the body is built from the Label structure's documented
  // fields and their example values (LabelConfidence 0.95, CentricScore 0.877, zh-Hans).
  const auto r = oss::parse_image_labels(
      R"({"RequestId":"5C3D858E530E23D52CA0ED09","Labels":[
          {"LabelName":"Cat","LabelLevel":2,"LabelConfidence":0.95,"ParentLabelName":"Animal",
           "CentricScore":0.877,"LabelAlias":"Kitten","Language":"zh-Hans"},
          {"LabelName":"Animal","LabelLevel":1}]})");
  REQUIRE(r.has_value());
  REQUIRE(r->labels.size() == 2);
  CHECK(r->labels[0].name == "Cat");
  CHECK(r->labels[0].level == 2);
  CHECK(r->labels[0].confidence == Approx(0.95));
  CHECK(r->labels[0].parent_name == "Animal");
  CHECK(r->labels[0].centric_score == Approx(0.877));
  CHECK(r->labels[0].alias == "Kitten");
  CHECK(r->labels[0].language == "zh-Hans");
  CHECK(r->labels[1].confidence == 0.0);
  CHECK(oss::parse_image_labels(R"({"Labels":[{"LabelLevel":1}]})").error().code ==
        errc::missing_key);
  CHECK(
      oss::parse_image_labels(R"({"Labels":[{"LabelName":"a","LabelLevel":1.5}]})").error().code ==
      errc::invalid_number);
}

TEST_CASE("image/faces: the DetectImageFaces example, as far as it was published",
          "[oss][results][ai]") {
  // The documented example is cut after "FaceQuality": ...; it is closed here after
  // EmotionConfidence (and the identifiers' elided parts are written out).
  const auto r = oss::parse_image_faces(
      R"({ "RequestId": "6E93D6C9-5AC0-49F9-914D-E02678D3****",
           "Faces": [ { "FigureId": "868a9e74-0000-0000-0000-000000000000",
                        "FigureConfidence": 1, "FigureClusterId": "Cluster-0000",
                        "FigureClusterConfidence": 1, "FigureType": "face",
                        "Age": 29, "AgeSD": 5, "Gender": "female", "GenderConfidence": 1,
                        "Emotion": "happiness", "EmotionConfidence": 0.70784568786621 } ] })");
  REQUIRE(r.has_value());
  REQUIRE(r->faces.size() == 1);
  const auto& f = r->faces[0];
  CHECK(f.figure_id == "868a9e74-0000-0000-0000-000000000000");
  CHECK(f.figure_confidence == 1.0);
  CHECK(f.figure_type == "face");
  CHECK(f.age == 29);
  CHECK(f.age_sd == 5);
  CHECK(f.gender == "female");
  CHECK(f.emotion == "happiness");
  CHECK(f.emotion_confidence == Approx(0.70784568786621));
  CHECK(oss::parse_image_faces(R"({"Faces":[{"Age":"29"}]})").error().code == errc::wrong_type);
  CHECK(oss::parse_image_faces(R"({"RequestId":"x"})").error().code == errc::missing_key);
}

TEST_CASE("image/bodies: the DetectImageBodies (IMM 2017) example", "[oss][results][ai]") {
  const auto r = oss::parse_image_bodies(
      R"({ "RequestId": "8AE4DA72-07F7-4BBC-8ECD-CBE8877BAD06",
           "Bodies": [ { "BodyConfidence": 0.9966312050819397,
                         "BodyBoundary": { "Top": 65, "Width": 372, "Height": 560, "Left": 51 } } ],
           "ImageUri": "oss://imm-test/testcases/bodytest.jpg" })");
  REQUIRE(r.has_value());
  REQUIRE(r->bodies.size() == 1);
  CHECK(r->bodies[0].confidence == Approx(0.9966312050819397));
  CHECK(r->bodies[0].boundary ==
        oss::image_box{.left = 51, .top = 65, .width = 372, .height = 560});
  CHECK(oss::parse_image_bodies(R"({"Bodies":[{"BodyConfidence":2}]})").error().code ==
        errc::value_out_of_range);
}

TEST_CASE("image/cars: the DetectImageCars example, as far as it was published",
          "[oss][results][ai]") {
  // The documented example is cut after the plate's Polygon; it is closed here.
  const auto r = oss::parse_image_cars(
      R"({ "Cars": [ { "LicensePlates": [ { "Content": "鲁A8***8",
                         "Boundary": { "Width": 200, "Height": 300, "Left": 10, "Top": 30,
                                       "Polygon": [ { "X": 10, "Y": 10 } ] } } ] } ],
           "RequestId": "A8745209-DD0E-027E-8ABA-085E0C******" })");
  REQUIRE(r.has_value());
  REQUIRE(r->cars.size() == 1);
  REQUIRE(r->cars[0].license_plates.size() == 1);
  CHECK(r->cars[0].license_plates[0].content == "鲁A8***8");
  CHECK(r->cars[0].license_plates[0].boundary.height == 300);
  CHECK(
      oss::parse_image_cars(R"({"Cars":[{"CarColor":"red","CarType":"sedan"}]})")->cars[0].color ==
      "red");
  CHECK(oss::parse_image_cars(R"({"Cars":[{"LicensePlates":{}}]})").error().code ==
        errc::wrong_type);
}

TEST_CASE("smart documents: RequestId and Output{Text, FinishReason}", "[oss][results][doc]") {
  // The field table of "Intelligent document translation" (no verbatim sample was published).
  const auto done = oss::parse_doc_ai_result(
      R"({"RequestId":"5F74C5B5-1E56-4E7B-9B1C-3A4D1E0C2B7A",
          "Output":{"Text":"In April, the weather is fine.","FinishReason":"stop"}})");
  REQUIRE(done.has_value());
  CHECK(done->request_id == "5F74C5B5-1E56-4E7B-9B1C-3A4D1E0C2B7A");
  CHECK(done->text == "In April, the weather is fine.");
  CHECK(done->finished());
  // An event-stream event before the last: FinishReason null, written either way.
  for (const char* body :
       {R"({"RequestId":"r","Output":{"Text":"In April","FinishReason":null}})",
        R"({"RequestId":"r","Output":{"Text":"In April","FinishReason":"null"}})",
        R"({"RequestId":"r","Output":{"Text":"In April"}})"}) {
    INFO(body);
    const auto partial = oss::parse_doc_ai_result(body);
    REQUIRE(partial.has_value());
    CHECK_FALSE(partial->finished());
    CHECK(partial->finish_reason.empty());
    CHECK(partial->text == "In April");
  }
  CHECK(oss::parse_doc_ai_result(R"({"Output":{"Text":"a"}})").error().code == errc::missing_key);
  CHECK(oss::parse_doc_ai_result(R"({"RequestId":"r"})").error().code == errc::missing_key);
  CHECK(oss::parse_doc_ai_result(R"({"RequestId":"r","Output":{}})").error().code ==
        errc::missing_key);
  CHECK(oss::parse_doc_ai_result(R"({"RequestId":"r","Output":"a"})").error().code ==
        errc::wrong_type);
  CHECK(oss::parse_doc_ai_result(R"({"RequestId":"r","Output":{"Text":"a","FinishReason":1}})")
            .error()
            .code == errc::wrong_type);
}
