package app

import (
	"math/big"
	"sort"
)

// currencySums adds amounts per currency, because amounts of different
// currencies are never added together.
type currencySums map[string]int64

func (s currencySums) add(m Money) {
	s[m.Currency] += m.Minor
}

// codes returns the currencies in code order.
func (s currencySums) codes() []string {
	codes := make([]string, 0, len(s))
	for code := range s {
		codes = append(codes, code)
	}
	sort.Strings(codes)

	return codes
}

// divideRounded returns num ÷ den rounded half away from zero, the rule
// [Money.Weighted] follows. den must not be 0.
func divideRounded(num, den *big.Int) int64 {
	quotient, remainder := new(big.Int).QuoRem(num, den, new(big.Int))

	twice := new(big.Int).Abs(remainder)
	twice.Lsh(twice, 1)
	if twice.Cmp(new(big.Int).Abs(den)) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			quotient.Sub(quotient, big.NewInt(1))
		} else {
			quotient.Add(quotient, big.NewInt(1))
		}
	}

	return quotient.Int64()
}

// product returns the factors multiplied as a big.Int, so a product of
// amounts and counts cannot overflow int64.
func product(factors ...int64) *big.Int {
	out := big.NewInt(1)
	for _, f := range factors {
		out.Mul(out, big.NewInt(f))
	}

	return out
}

// rate returns part ÷ whole, or 0 when whole is 0.
func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}

	return float64(part) / float64(whole)
}
