// SPDX-License-Identifier: MIT
// tools/objproc/args.cpp - see args.hpp.
#include "args.hpp"

#include <cstdio>
#include <vector>

namespace objproc_cli {

std::optional<std::string_view> parsed_args::get(std::string_view name) const {
  for (const auto& [flag, value] : flags)
    if (flag == name) return std::string_view(value);
  return std::nullopt;
}

std::vector<std::string_view> parsed_args::get_all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [flag, value] : flags)
    if (flag == name) out.emplace_back(value);
  return out;
}

namespace {

// "--target-image" and "--target_image" are one flag: '-' and '_' compare equal.
bool same_flag(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] == '_' ? '-' : a[i];
    const char y = b[i] == '_' ? '-' : b[i];
    if (x != y) return false;
  }
  return true;
}

// Levenshtein distance, '-' and '_' alike; names are short.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool equal = same_flag(a.substr(i - 1, 1), b.substr(j - 1, 1));
      std::size_t best = diagonal + (equal ? 0 : 1);
      if (row[j] + 1 < best) best = row[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string unknown_flag_message(std::string_view name, std::span<const flag_spec> specs) {
  std::string out = "unknown flag --" + std::string(name);
  const flag_spec* nearest = nullptr;
  std::size_t best = 0;
  for (const flag_spec& s : specs) {
    const std::size_t d = distance(name, s.name);
    if (nearest == nullptr || d < best) {
      nearest = &s;
      best = d;
    }
  }
  // Close enough to be a typo: a third of the name, at least 1, at most 3 edits; or a prefix.
  std::size_t limit = name.size() / 3;
  if (limit < 1) limit = 1;
  if (limit > 3) limit = 3;
  const bool prefix = !name.empty() && nearest != nullptr && name.size() >= 3 &&
                      nearest->name.substr(0, name.size()) == name;
  if (nearest != nullptr && (best <= limit || prefix)) {
    out += " (did you mean --";
    out += nearest->name;
    out += "?)";
  }
  return out;
}

std::optional<parsed_args> parse_args(std::span<char* const> args, std::span<const flag_spec> specs,
                                      std::size_t max_positionals, std::string& error) {
  parsed_args out;
  bool only_positionals = false;  // after "--"
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (only_positionals || arg.size() < 2 || arg[0] != '-') {
      if (out.positionals.size() == max_positionals) {
        error = "unexpected argument '" + std::string(arg) + "'";
        return std::nullopt;
      }
      out.positionals.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      out.help = true;
      continue;
    }
    if (arg.substr(0, 2) != "--") {
      error = "unknown flag " + std::string(arg);
      return std::nullopt;
    }
    const std::size_t equals = arg.find('=');
    const std::string_view name =
        arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2);
    const flag_spec* spec = nullptr;
    for (const flag_spec& s : specs)
      if (same_flag(s.name, name)) spec = &s;
    if (spec == nullptr) {
      error = unknown_flag_message(name, specs);
      return std::nullopt;
    }
    if (!spec->repeatable && out.has(spec->name)) {
      error = "--" + std::string(spec->name) + " given twice";
      return std::nullopt;
    }
    std::string value;
    if (spec->value_name.empty()) {
      if (equals != std::string_view::npos) {
        error = "--" + std::string(spec->name) + " takes no value";
        return std::nullopt;
      }
    } else if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      error =
          "--" + std::string(spec->name) + " needs a value (" + std::string(spec->value_name) + ")";
      return std::nullopt;
    }
    out.flags.emplace_back(std::string(spec->name), std::move(value));
  }
  return out;
}

std::string help_text(std::string_view usage, std::string_view summary,
                      std::span<const flag_spec> specs) {
  std::string out = "usage: objproc ";
  out += usage;
  out += "\n\n";
  out += summary;
  out += "\n\noptions:\n";
  for (const flag_spec& s : specs) {
    // Appends, not "literal" + std::string&&: g++ 12 at -O2 warns falsely (-Wrestrict) on that.
    std::string left = "  --";
    left += s.name;
    if (!s.value_name.empty()) {
      left += ' ';
      left += s.value_name;
    }
    out += left;
    out.append(left.size() < 28 ? 28 - left.size() : 1, ' ');
    out += s.help;
    if (s.repeatable) out += " (repeatable)";
    out += '\n';
  }
  out += "  -h, --help                  this text\n";
  return out;
}

int usage_error(std::string_view command, std::string_view message) {
  std::fprintf(stderr, "objproc %.*s: %.*s\n(see objproc %.*s --help)\n",
               static_cast<int>(command.size()), command.data(), static_cast<int>(message.size()),
               message.data(), static_cast<int>(command.size()), command.data());
  return exit_usage;
}

}  // namespace objproc_cli
