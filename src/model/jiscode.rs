//! 全国地方公共団体コード (JIS X 0402): 6 digits, the last one a check digit.

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
