package org.landatlas.demodata;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Synthetic personal data with the right shape (names typical of the county's people, 18-digit resident ID
 * numbers with a valid check digit and the county's region code, mobile numbers). None of it is real; all of it
 * is stored only in the "personal" schema.
 */
public final class People {

    private static final String[] HAN_SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",
            "朱", "高", "林", "何", "郭", "马", "罗", "叶", "姚", "范", "毛", "吕", "潘", "季", "邵", "练"};
    private static final String[] HAN_GIVEN = {"建国", "国华", "秀英", "桂兰", "志强", "海燕", "丽娟", "永明", "德胜", "春梅",
            "玉兰", "晓东", "红霞", "文斌", "金凤", "长青", "学军", "美玲", "立新", "云飞", "淑芬", "俊杰", "小军", "振华"};
    private static final String[] MONGOLIAN = {"巴特尔", "其其格", "乌日娜", "额尔敦", "苏日娜", "朝鲁", "萨仁", "敖登",
            "巴雅尔", "图雅", "宝音", "娜仁", "乌兰", "斯琴", "达来", "布和", "阿拉坦", "呼和", "那顺", "格日勒"};
    private static final String[] EWENKI_DAUR = {"杜拉尔·", "涂格敦·", "那日·", "卡尔他昆·", "敖·", "何·"};
    private static final String[] TIBETAN = {"扎西", "卓玛", "次仁", "格桑", "拉姆", "尼玛", "达瓦", "央金", "洛桑",
            "益西", "曲珍", "平措", "农布", "此里", "鲁茸", "阿称", "和", "松"};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Words of firm names (绿源, 丰泽 …), for enterprises, family farms and tourism companies alike. */
    private static final String[] FIRM_WORDS = {"绿源", "丰泽", "金穗", "瑞丰", "恒达", "兴农", "福田", "清泉", "沃土", "嘉禾",
            "鑫源", "康农", "益民", "天润", "宏图", "盛世", "润泽", "丰禾", "春晖", "聚福"};

    private People() {
    }

    public static String firmWord(SplittableRandom r) {
        return pick(FIRM_WORDS, r);
    }

    public static String name(String countyCode, SplittableRandom r) {
        double x = r.nextDouble();
        return switch (countyCode) {
            case "150627" -> x < 0.75 ? han(r) : pick(MONGOLIAN, r);
            case "150724" -> x < 0.45 ? han(r) : x < 0.8 ? pick(MONGOLIAN, r) : pick(EWENKI_DAUR, r) + pick(MONGOLIAN, r);
            case "533401" -> x < 0.6 ? pick(TIBETAN, r) + pick(TIBETAN, r) : han(r);
            default -> han(r);
        };
    }

    private static String han(SplittableRandom r) {
        return pick(HAN_SURNAMES, r) + pick(HAN_GIVEN, r);
    }

    public static String idNumber(String countyCode, SplittableRandom r) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 62));
        String body = countyCode + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), r.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return body + ID_CHECK.charAt(sum % 11);
    }

    public static String phone(SplittableRandom r) {
        String[] prefixes = {"135", "138", "139", "150", "151", "158", "177", "180", "182", "187", "189", "199"};
        return pick(prefixes, r) + String.format("%08d", r.nextInt(100_000_000));
    }

    /** Unified social credit code (GB 32100-2015) with a valid check character. */
    public static String creditCode(String prefix, String countyCode, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(prefix).append(countyCode);
        while (sb.length() < 17) {
            sb.append(CREDIT_CHARS.charAt(r.nextInt(CREDIT_CHARS.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARS.indexOf(sb.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return sb.append(CREDIT_CHARS.charAt(check)).toString();
    }

    public static <T> T pick(T[] options, SplittableRandom r) {
        return options[r.nextInt(options.length)];
    }
}
