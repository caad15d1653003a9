// The differences a comparison of kernel and specification found, each named, at most eight.
#pragma once
#include <sstream>
#include <string>
#include "differential.h"

namespace diff {

class Report {
public:
    // `what` names the value; it is only built when the two differ.
    template <typename A, typename B, typename Name>
    void expect(const A& kernel, const B& spec, const Name& what) {
        if (static_cast<word>(kernel) == static_cast<word>(spec) || count_ >= 8) return;
        count_++;
        out_ << "  " << what() << ": kernel " << std::hex << "0x" << static_cast<word>(kernel)
             << ", specification 0x" << static_cast<word>(spec) << std::dec << "\n";
    }
    void note(const std::string& what) {
        if (count_++ < 8) out_ << "  " << what << "\n";
    }
    std::string str() const { return out_.str(); }

private:
    std::ostringstream out_;
    int count_ = 0;
};

}  // namespace diff
