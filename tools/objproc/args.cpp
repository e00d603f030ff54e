// SPDX-License-Identifier: MIT
// tools/objproc/args.cpp - see args.hpp.
#include "args.hpp"

#include <cstdio>

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
      if (s.name == name) spec = &s;
    if (spec == nullptr) {
      error = "unknown flag --" + std::string(name);
      return std::nullopt;
    }
    if (!spec->repeatable && out.has(name)) {
      error = "--" + std::string(name) + " given twice";
      return std::nullopt;
    }
    std::string value;
    if (spec->value_name.empty()) {
      if (equals != std::string_view::npos) {
        error = "--" + std::string(name) + " takes no value";
        return std::nullopt;
      }
    } else if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      error = "--" + std::string(name) + " needs a value (" + std::string(spec->value_name) + ")";
      return std::nullopt;
    }
    out.flags.emplace_back(std::string(name), std::move(value));
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
