//! 全国地方公共団体コード (JIS X 0402): 6 digits, the last one a check digit; 法人番号:
//! 13 digits, the first one a check digit; readings in katakana as the open-data formats want them.

/// The check digit for the first five digits: `(11 − (6d1+5d2+4d3+3d4+2d5) mod 11) mod 10`.
pub fn check_digit(first5: &[u8; 5]) -> u8 {
    let s: u32 = first5.iter().zip([6u32, 5, 4, 3, 2]).map(|(d, w)| u32::from(*d) * w).sum();
    ((11 - s % 11) % 10) as u8
}

/// Why a municipality code is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not six ASCII digits.
    Shape,
    /// Six digits, but the check digit is wrong; carries the corrected code.
    CheckDigit {
        /// The code with the right check digit.
        corrected: String,
    },
}

/// Validate a municipality code's shape and check digit.
pub fn validate(code: &str) -> Result<(), CodeError> {
    let bytes = code.as_bytes();
    if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(CodeError::Shape);
    }
    let digits: Vec<u8> = bytes.iter().map(|b| b - b'0').collect();
    let first5 = [digits[0], digits[1], digits[2], digits[3], digits[4]];
    let expected = check_digit(&first5);
    if expected != digits[5] {
        return Err(CodeError::CheckDigit { corrected: format!("{}{}", &code[..5], expected) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_validate() {
        for code in ["132144", "132292", "122327", "271004", "011002"] {
            assert_eq!(validate(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn wrong_check_digit_is_corrected() {
        assert_eq!(validate("132145"), Err(CodeError::CheckDigit { corrected: "132144".into() }));
        assert_eq!(validate("13214"), Err(CodeError::Shape));
        assert_eq!(validate("13214a"), Err(CodeError::Shape));
    }
}

/// Why a 法人番号 is not valid, or None: 13 digits, the first the check digit
/// `9 − (Σ Pn·Qn mod 9)` over the other twelve (Pn the n-th from the right,
/// Qn 1 for odd n, 2 for even n; 国税庁「法人番号の指定」).
pub fn corporate_number_problem(n: &str) -> Option<&'static str> {
    let b = n.as_bytes();
    if b.len() != 13 || !b.iter().all(u8::is_ascii_digit) {
        return Some("is not 13 digits");
    }
    let sum: u32 =
        b[1..].iter().rev().enumerate().map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 1 } else { 2 }).sum();
    (u32::from(b[0] - b'0') != 9 - sum % 9).then_some("has a wrong check digit")
}

/// ひらがな → カタカナ (other characters kept).
pub fn katakana(s: &str) -> String {
    s.chars()
        .map(|c| if ('\u{3041}'..='\u{3096}').contains(&c) { char::from_u32(c as u32 + 0x60).unwrap_or(c) } else { c })
        .collect()
}

#[cfg(test)]
mod corporate_number_tests {
    use super::*;

    #[test]
    fn check_digits_of_corporate_numbers() {
        // 国税庁's own 法人番号 (8000012010001… is not; 7000012050002 is 国税庁).
        assert_eq!(corporate_number_problem("7000012050002"), None);
        assert_eq!(corporate_number_problem("6000012050002"), Some("has a wrong check digit"));
        assert_eq!(corporate_number_problem("700001205000"), Some("is not 13 digits"));
        assert_eq!(katakana("しろいし"), "シロイシ");
    }
}
