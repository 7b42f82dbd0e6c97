// Urdu strings of a group's tabs, the join page's title and sharing an
// invite; machine-made from en-shell.ts, they want a native speaker's review.
export const urShell = {
  shell: {
    nav: "گروپ",
    tabs: { home: "ہوم", listings: "پیشکشیں اور درخواستیں", record: "درج کریں", members: "اراکین", me: "میں", coordinate: "انتظام" },
    waiting_one: "{{tab}}، {{count}} منتظر",
    waiting_other: "{{tab}}، {{count}} منتظر",
    nothingNeedsYou: "ابھی آپ کے کرنے کو کچھ نہیں۔",
    joinRequests_one: "{{count}} شخص شامل ہونا چاہتا ہے",
    joinRequests_other: "{{count}} افراد شامل ہونا چاہتے ہیں",
    onlyCoordinators: "یہ ٹیب گروپ کے منتظمین کے لیے ہے۔",
    me: {
      title: "آپ: {{name}}",
      profile: "میرا پروفائل",
      account: "میرا اکاؤنٹ: ریکوری کوڈ اور دوسرے فون",
    },
    joinNamed: "{{group}} میں شامل ہوں",
    invite: {
      copy: "لنک کاپی کریں",
      share: "لنک شیئر کریں",
      copied: "کاپی ہو گیا۔ جسے آپ مدعو کر رہے ہیں، اسے پیغام میں چسپاں کر دیں۔",
      shared: "شیئر ہو گیا۔",
      notCopied: "یہ براؤزر اسے کاپی نہیں کر سکا: لنک منتخب کر کے خود کاپی کریں۔",
      shareTitle: "Tally پر {{group}} میں شامل ہوں",
      shareText: "آپ کو {{group}} میں شامل ہونے کی دعوت ہے، ایک ٹائم بینک: ایک گھنٹے کی مدد ایک ٹائم کریڈٹ کماتی ہے۔",
    },
  },
};
