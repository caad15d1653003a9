#!/usr/bin/env python3
"""Unit tests of tools/gen/config.py: seL4's defaults, ranges and the rules between options."""
import unittest

import config


def resolved(**given):
    values, _, _, _ = config.resolve({name: str(value) for name, value in given.items()})
    return values


class Defaults(unittest.TestCase):
    def test_sel4_defaults(self):
        c = resolved()
        self.assertEqual((c["ROOT_CNODE_SIZE_BITS"], c["TIMER_TICK_MS"], c["TIME_SLICE"]), (12, 2, 5))
        self.assertEqual((c["NUM_DOMAINS"], c["NUM_DOMAIN_SCHEDULES"], c["MAX_NUM_BOOTINFO_UNTYPED_CAPS"]), (1, 2, 230))
        self.assertEqual((c["PRINTING"], c["DEBUG_BUILD"], c["FASTPATH"], c["KEEL_CHECKED_BUILD"]), (1, 1, 1, 0))

    def test_printing_follows_debug_build(self):
        self.assertEqual(resolved(KernelDebugBuild="OFF")["PRINTING"], 0)
        self.assertEqual(resolved(KernelDebugBuild="OFF", KernelPrinting="ON")["PRINTING"], 1)

    def test_schedules_default_to_100_with_several_domains(self):
        self.assertEqual(resolved(KernelNumDomains=4)["NUM_DOMAIN_SCHEDULES"], 100)
        self.assertEqual(resolved(KernelNumDomains=4, KernelNumDomainSchedules=8)["NUM_DOMAIN_SCHEDULES"], 8)


class Mcs(unittest.TestCase):
    def test_classic_by_default(self):
        self.assertEqual(resolved()["KERNEL_MCS"], 0)
        self.assertEqual(resolved(KernelIsMCS="ON")["KERNEL_MCS"], 1)

    def test_tick_options_exist_only_without_mcs(self):
        classic, mcs = resolved(), resolved(KernelIsMCS="ON")
        self.assertEqual((classic["TIMER_TICK_MS"], classic["TIME_SLICE"]), (2, 5))
        self.assertNotIn("TIMER_TICK_MS", mcs)
        self.assertNotIn("TIME_SLICE", mcs)
        self.assertNotIn("BOOT_THREAD_TIME_SLICE", classic)
        self.assertEqual((mcs["BOOT_THREAD_TIME_SLICE"], mcs["KERNEL_WCET_SCALE"], mcs["KERNEL_STATIC_MAX_PERIOD_US"]), (5, 1, 0))
        for given in ({"KernelIsMCS": "ON", "KernelTimeSlice": 3}, {"KernelWcetScale": 2}):
            with self.subTest(given=given), self.assertRaises(config.ConfigError):
                resolved(**given)

    def test_bootinfo_holds_one_untyped_cap_fewer(self):
        self.assertEqual(resolved(KernelMaxNumBootinfoUntypedCaps=245)["MAX_NUM_BOOTINFO_UNTYPED_CAPS"], 245)
        self.assertEqual(resolved(KernelIsMCS="ON", KernelMaxNumBootinfoUntypedCaps=244)["MAX_NUM_BOOTINFO_UNTYPED_CAPS"], 244)
        with self.assertRaises(config.ConfigError):
            resolved(KernelIsMCS="ON", KernelMaxNumBootinfoUntypedCaps=245)


class Ranges(unittest.TestCase):
    def test_bounds_are_inclusive(self):
        self.assertEqual(resolved(KernelRootCNodeSizeBits=7)["ROOT_CNODE_SIZE_BITS"], 7)
        self.assertEqual(resolved(KernelRootCNodeSizeBits=26)["ROOT_CNODE_SIZE_BITS"], 26)
        self.assertEqual(resolved(KernelMaxNumBootinfoUntypedCaps=245)["MAX_NUM_BOOTINFO_UNTYPED_CAPS"], 245)

    def test_outside_is_refused(self):
        for given in ({"KernelRootCNodeSizeBits": 27}, {"KernelTimeSlice": 0}, {"KernelTimeSlice": 256},
                      {"KernelTimerTickMS": -1}, {"KernelNumDomains": 0}, {"KernelFastpath": "maybe"}):
            with self.subTest(given=given), self.assertRaises(config.ConfigError):
                resolved(**given)


if __name__ == "__main__":
    unittest.main()
