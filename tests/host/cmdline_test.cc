// Kernel command line options.
#include <gtest/gtest.h>
#include "arch/cmdline.h"

TEST(Cmdline, DefaultsMatchSeL4) {
    boot::CmdlineOptions o = boot::parse_cmdline("");
    EXPECT_EQ(o.console_port, 0x3f8);
    EXPECT_EQ(o.debug_port, 0x3f8);
    EXPECT_FALSE(o.disable_iommu);
    EXPECT_EQ(o.exit_port, 0);
}

TEST(Cmdline, ReadsHexAndDecimalPortsAfterTheKernelName) {
    boot::CmdlineOptions o = boot::parse_cmdline("/boot/keel.img console_port=0x2f8 debug_port=1016 disable_iommu");
    EXPECT_EQ(o.console_port, 0x2f8);
    EXPECT_EQ(o.debug_port, 1016);
    EXPECT_TRUE(o.disable_iommu);
    EXPECT_FALSE(o.panic_test);
    EXPECT_TRUE(boot::parse_cmdline("keel_panic_test").panic_test);
}

TEST(Cmdline, IgnoresMalformedAndOutOfRangeValues) {
    boot::CmdlineOptions o = boot::parse_cmdline("console_port=zz debug_port=0x12345 keel_exit_port=0xf4x");
    EXPECT_EQ(o.console_port, 0x3f8);
    EXPECT_EQ(o.debug_port, 0x3f8);
    EXPECT_EQ(o.exit_port, 0);
}

TEST(Cmdline, DoesNotMatchOptionNamesInsideOtherWords) {
    boot::CmdlineOptions o = boot::parse_cmdline("xconsole_port=0x2f8 disable_iommux");
    EXPECT_EQ(o.console_port, 0x3f8);
    EXPECT_FALSE(o.disable_iommu);
}
