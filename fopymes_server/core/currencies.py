"""ISO 4217 currency codes in circulation and their minor-unit exponents.

Kept as data rather than a dependency: the list changes every few years, and an amount's
exactness depends on the exponent being right, so it lives where tests can see it.
"""

from __future__ import annotations

# Currencies whose minor unit is not the hundredth (ISO 4217 "minor unit" column).
_ZERO_DECIMALS = frozenset(
    """
    BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF
    """.split()
)
_THREE_DECIMALS = frozenset(
    """
    BHD IQD JOD KWD LYD OMR TND
    """.split()
)
_FOUR_DECIMALS = frozenset(
    """
    CLF UYW
    """.split()
)

_TWO_DECIMALS = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW
    KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN
    NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD
    SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU
    UZS VES VED WST XCD XCG YER ZAR ZMW ZWG ZWL
    """.split()
)

CURRENCY_EXPONENTS: dict[str, int] = {
    **{code: 2 for code in _TWO_DECIMALS},
    **{code: 0 for code in _ZERO_DECIMALS},
    **{code: 3 for code in _THREE_DECIMALS},
    **{code: 4 for code in _FOUR_DECIMALS},
}
